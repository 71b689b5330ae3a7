/** Ingest bookkeeping: one `ingest_runs` row per poll, and per-source status for `earshot status`. */
import type { Store } from './client.js';
import { fromDateTime64, toDateTime64 } from './datetime.js';
import { internals } from './internals.js';
import { resultObjects } from './query.js';
import { runReadQuery, toCount, type ReadQuery } from './read-query.js';
import { TABLES } from './schema.js';

/** Outcome of one poll. `status` is free text by design; these are the values the pipeline writes. */
export type IngestRunStatus = 'ok' | 'failed' | 'rate_limited' | 'auth_failed' | 'cancelled' | (string & {});

/** The counts of one poll (or of one page) that `ingest_runs` stores; mention rows are one per brand. */
export interface IngestRunCounts {
  /** Pages fetched from the source. */
  pages: number;
  /** Valid records the connector returned. */
  fetched: number;
  /** Mention rows stored for the first time. */
  new: number;
  /** Mention rows whose stored state changed (text, engagement, rescoring). */
  updated: number;
  /** Mention rows already stored exactly as fetched. */
  unchanged: number;
  /** Records skipped as malformed, or as impossible to store. */
  skippedInvalid: number;
}

/** One poll of one configured source, as recorded by the ingest activity. Times are epoch milliseconds. */
export interface IngestRun extends IngestRunCounts {
  runId: string;
  workflowId: string;
  sourceId: string;
  /** Connector type. */
  source: string;
  brands: string[];
  startedAt: number;
  finishedAt: number;
  errors: number;
  status: IngestRunStatus;
  /** Error class name; omit when ok. */
  errorType?: string;
  /** Already redacted of secrets; omit when ok. */
  errorMessage?: string;
}

const u32 = (n: number): number => Math.min(0xffff_ffff, Math.max(0, Math.round(Number.isFinite(n) ? n : 0)));

/** Records a poll. Idempotent per `runId`: recording it again replaces the row (read with FINAL). */
export async function recordIngestRun(store: Store, run: IngestRun): Promise<void> {
  const { client, table } = internals(store);
  await client.insert({
    table: table('ingest_runs'),
    format: 'JSONEachRow',
    values: [
      {
        run_id: run.runId,
        workflow_id: run.workflowId,
        source_id: run.sourceId,
        source: run.source,
        brands: run.brands,
        started_at: toDateTime64(run.startedAt, 'startedAt'),
        finished_at: toDateTime64(run.finishedAt, 'finishedAt'),
        duration_ms: u32(run.finishedAt - run.startedAt),
        pages: u32(run.pages),
        fetched: u32(run.fetched),
        new: u32(run.new),
        updated: u32(run.updated),
        unchanged: u32(run.unchanged),
        skipped_invalid: u32(run.skippedInvalid),
        errors: u32(run.errors),
        status: run.status,
        error_type: run.errorType ?? '',
        error_message: run.errorMessage ?? '',
        recorded_at: toDateTime64(Date.now()),
      },
    ],
  });
}

/** Health of one configured source: its latest poll, its latest successful poll, and how much it stored. */
export interface SourceStatus {
  sourceId: string;
  source: string;
  lastRunAt: number | null;
  lastStatus: string | null;
  lastFetched: number;
  lastNew: number;
  lastUpdated: number;
  lastErrors: number;
  lastErrorType: string | null;
  lastErrorMessage: string | null;
  lastOkAt: number | null;
  runs: number;
  /** Mention rows stored for this source (one per brand), from the exact hourly aggregate. */
  totalMentions: number;
}

/** A row of `SOURCE_STATUS_SQL`. */
interface StatusRow {
  source_id: string;
  source: string;
  last_run_at: string | null;
  last_status: string | null;
  last_fetched: number | string | null;
  last_new: number | string | null;
  last_updated: number | string | null;
  last_errors: number | string | null;
  last_error_type: string | null;
  last_error_message: string | null;
  last_ok_at: string | null;
  runs: number | string | null;
  total_mentions: number | string | null;
}

// Per source_id: its latest poll, latest successful poll and stored volume (exact, from the aggregate).
const SOURCE_STATUS_SQL = `
  WITH runs AS (
    SELECT source_id, any(source) AS source,
           max(started_at) AS last_run_at,
           argMax(status, started_at) AS last_status,
           argMax(fetched, started_at) AS last_fetched,
           argMax(new, started_at) AS last_new,
           argMax(updated, started_at) AS last_updated,
           argMax(errors, started_at) AS last_errors,
           argMax(error_type, started_at) AS last_error_type,
           argMax(error_message, started_at) AS last_error_message,
           maxIf(finished_at, status = 'ok') AS last_ok_at,
           count() AS runs,
           countIf(status = 'ok') AS ok_runs
    FROM ${TABLES.ingest_runs} FINAL
    GROUP BY source_id
  ), volume AS (
    SELECT source_id, any(source) AS source, sum(volume) AS total_mentions
    FROM ${TABLES.mention_hourly}
    GROUP BY source_id
  ), ids AS (
    SELECT source_id FROM runs UNION DISTINCT SELECT source_id FROM volume
  )
  SELECT ids.source_id AS source_id,
         if(r.runs > 0, r.source, v.source) AS source,
         if(r.runs > 0, toString(r.last_run_at), NULL) AS last_run_at,
         if(r.runs > 0, r.last_status, NULL) AS last_status,
         r.last_fetched, r.last_new, r.last_updated, r.last_errors,
         r.last_error_type, r.last_error_message,
         if(r.ok_runs > 0, toString(r.last_ok_at), NULL) AS last_ok_at,
         r.runs, v.total_mentions
  FROM ids
  LEFT JOIN runs AS r ON r.source_id = ids.source_id
  LEFT JOIN volume AS v ON v.source_id = ids.source_id
  ORDER BY source_id`;

/**
 * The status read: one `SourceStatus` per source seen in `ingest_runs` or `mention_hourly`, sorted by
 * source_id. Runs in-process (`sourceStatus`) or through the SQL endpoint of a running `earshot up`.
 */
export function sourceStatusQuery(): ReadQuery<SourceStatus[]> {
  return {
    name: 'source status',
    sql: SOURCE_STATUS_SQL,
    params: {},
    decode: (result) => resultObjects(result).map((row) => toSourceStatus(row as unknown as StatusRow)),
  };
}

/** Per source_id status (see `sourceStatusQuery`). Throws `StorageError` when ClickHouse fails. */
export async function sourceStatus(store: Store): Promise<SourceStatus[]> {
  return runReadQuery(store, sourceStatusQuery());
}

function toSourceStatus(r: StatusRow): SourceStatus {
  return {
    sourceId: r.source_id,
    source: r.source,
    lastRunAt: r.last_run_at === null ? null : fromDateTime64(r.last_run_at),
    lastStatus: r.last_status,
    lastFetched: toCount(r.last_fetched),
    lastNew: toCount(r.last_new),
    lastUpdated: toCount(r.last_updated),
    lastErrors: toCount(r.last_errors),
    lastErrorType: r.last_error_type || null,
    lastErrorMessage: r.last_error_message || null,
    lastOkAt: r.last_ok_at === null ? null : fromDateTime64(r.last_ok_at),
    runs: toCount(r.runs),
    totalMentions: toCount(r.total_mentions),
  };
}
