/** Every workflow Earshot registers with the worker. */
export { ingestWorkflow } from './ingest-workflow.js';
