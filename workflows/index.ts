/** Every workflow Earshot registers with the worker. */
export { ingestWorkflow } from './ingest-workflow.js';
export { backfillWorkflow, backfillProgressQuery } from './backfill-workflow.js';
export { rescoreWorkflow, rescoreProgressQuery } from './rescore-workflow.js';
