/**
 * Migration 2: ingest bookkeeping, one row per poll (`ingest_runs`), and connector cursors.
 * Never edit a released migration: add a new one.
 */
import type { Migration } from './types.js';

const ingestRuns = `
CREATE TABLE IF NOT EXISTS {db}.ingest_runs (
  run_id String COMMENT 'Unique id of the poll (the activity / run id); re-recording the same run_id replaces the row',
  workflow_id String COMMENT 'Temporal workflow id that ran the poll (ingest:<source>:<instance>)',
  source_id LowCardinality(String) COMMENT 'Configured source instance that was polled',
  source LowCardinality(String) COMMENT 'Connector type of the source',
  brands Array(String) COMMENT 'Brands the poll searched for',
  started_at DateTime64(3, 'UTC') COMMENT 'When the poll started',
  finished_at DateTime64(3, 'UTC') COMMENT 'When the poll ended (successfully or not)',
  duration_ms UInt32 COMMENT 'finished_at - started_at in milliseconds',
  pages UInt32 COMMENT 'Pages fetched from the source',
  fetched UInt32 COMMENT 'Records the connector returned (valid ones)',
  new UInt32 COMMENT 'Mention rows stored for the first time',
  updated UInt32 COMMENT 'Mention rows whose stored state changed (text, engagement, rescoring)',
  unchanged UInt32 COMMENT 'Mention rows already stored exactly as fetched (no write)',
  skipped_invalid UInt32 COMMENT 'Malformed records the connector skipped',
  errors UInt32 COMMENT 'Errors met during the poll (retried or fatal)',
  status LowCardinality(String) COMMENT 'Outcome: ok, failed, rate_limited, auth_failed, cancelled',
  error_type LowCardinality(String) COMMENT 'Error class name of the failure (RateLimitedError, ConnectorAuthError, …); empty when ok',
  error_message String COMMENT 'Error message of the failure, secrets redacted; empty when ok',
  recorded_at DateTime64(3, 'UTC') COMMENT 'When this row was written; FINAL keeps the latest per run_id'
)
ENGINE = ReplacingMergeTree(recorded_at)
PARTITION BY toYYYYMM(started_at)
ORDER BY (source_id, started_at, run_id)
COMMENT 'One row per connector poll: counts, duration and outcome. Read with FINAL for exact counts.'`;

const cursors = `
CREATE TABLE IF NOT EXISTS {db}.connector_cursors (
  source_id String COMMENT 'Configured source instance the cursor belongs to',
  cursor String COMMENT 'Connector cursor as JSON: where the next poll resumes',
  updated_at DateTime64(3, 'UTC') COMMENT 'When the cursor was saved',
  version UInt64 COMMENT 'Save counter (ms clock, strictly increasing per source); FINAL keeps the highest'
)
ENGINE = ReplacingMergeTree(version)
ORDER BY source_id
COMMENT 'Latest cursor per source. Moves only after the page it covers is stored. Read with FINAL.'`;

/** Creates ingest_runs and connector_cursors. */
export const runsAndCursorsMigration: Migration = {
  version: 2,
  name: 'ingest runs and connector cursors',
  statements: [ingestRuns, cursors],
};
