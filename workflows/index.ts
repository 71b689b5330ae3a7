/**
 * Every workflow Earshot registers with the worker (this module is the bundle's entry: export workflow
 * functions, their queries and types only), and what the worker and CLI start them with.
 */
export { ingestWorkflow } from './ingest-workflow.js';
export type { IngestInput, IngestRetryOverrides } from './ingest-workflow.js';
export { backfillWorkflow, backfillProgressQuery } from './backfill-workflow.js';
export type { BackfillInput, BackfillProgress } from './backfill-workflow.js';
export { rescoreWorkflow, rescoreProgressQuery } from './rescore-workflow.js';
export type { RescoreInput, RescoreProgress } from './rescore-workflow.js';
export { spikeWatchWorkflow } from './spike-watch-workflow.js';
export type { SpikeWatchInput, SpikeWatchResult } from './spike-watch-workflow.js';
export { correctionWorkflow } from './correction-workflow.js';
export { reportDigestWorkflow } from './report-digest-workflow.js';
export type { ReportDigestInput, ReportDigestResult } from './report-digest-workflow.js';
export { publishDashboardsWorkflow } from './publish-dashboards-workflow.js';
