/**
 * Inputs and results of the activities, shared with workflows as types only. Kept small: counts and
 * ids travel through workflow history, never mentions. The counters are storage's `ingest_runs` ones.
 */
import type { IngestRun } from '../storage/runs.js';

/** Input of `ingestPage`. */
export interface IngestPageInput {
  sourceId: string;
  /** Workflow id, for logs and the run record. */
  workflowId: string;
}

/** Counts for one page (or summed over a run): the counters of an `ingest_runs` row, plus `unmatched`. */
export interface IngestCounts extends Pick<
  IngestRun,
  'pages' | 'fetched' | 'new' | 'updated' | 'unchanged' | 'skippedInvalid'
> {
  /** Records that matched none of the source's brands after the local query check. */
  unmatched: number;
}

/** Result of `ingestPage`. */
export interface IngestPageResult extends IngestCounts {
  caughtUp: boolean;
}

/**
 * Input of `recordIngestRun`: one row of `ingest_runs`, less what the worker adds from the config
 * (connector type, brands).
 */
export interface IngestRunRecord
  extends
    IngestCounts,
    Pick<
      IngestRun,
      'runId' | 'workflowId' | 'sourceId' | 'startedAt' | 'finishedAt' | 'errorType' | 'errorMessage'
    > {
  status: 'ok' | 'failed';
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
