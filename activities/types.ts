/**
 * Inputs and results of the activities, shared with workflows as types only. Kept small: counts and
 * ids travel through workflow history, never mentions.
 */

/** Input of `ingestPage`. */
export interface IngestPageInput {
  sourceId: string;
  /** Workflow id, for logs and the run record. */
  workflowId: string;
}

/** Counts for one page (or summed over a run). */
export interface IngestCounts {
  pages: number;
  fetched: number;
  /** Mention rows (record × matching brand) stored for the first time. */
  new: number;
  /** Rows whose stored state changed (engagement, rescoring). */
  updated: number;
  unchanged: number;
  skippedInvalid: number;
  /** Records that matched none of the source's brands after the local query check. */
  unmatched: number;
}

/** Result of `ingestPage`. */
export interface IngestPageResult extends IngestCounts {
  caughtUp: boolean;
}

/** Input of `recordIngestRun`: one row of `ingest_runs`. */
export interface IngestRunRecord extends IngestCounts {
  runId: string;
  workflowId: string;
  sourceId: string;
  startedAt: number;
  finishedAt: number;
  status: 'ok' | 'failed';
  errorType?: string;
  errorMessage?: string;
}

/** Input of a backfill page. */
export interface BackfillPageInput {
  sourceId: string;
  workflowId: string;
  from: number;
  to: number;
}

/** Result of a backfill page: counts plus the time span the page covered, for progress. */
export interface BackfillPageResult extends IngestPageResult {
  oldest?: number;
  newest?: number;
}

/** Input of `rescoreBatch`. */
export interface RescoreBatchInput {
  scorerVersion: string;
  /** Resume after this key (exclusive); undefined = start. */
  after?: string;
  batchSize: number;
}

/** Result of `rescoreBatch`. */
export interface RescoreBatchResult {
  rescored: number;
  /** Key to resume from, or undefined when done. */
  next?: string;
}
