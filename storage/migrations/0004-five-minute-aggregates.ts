/**
 * Migration 4: exact 5-minute aggregates for the alert detectors (hourly buckets are too coarse to alert within
 * minutes). Fed exactly like `mention_hourly` (+1 for each new mention state, −1 for the state it replaces), so
 * re-ingest and rescoring never double-count. Mentions stored before the migration are backfilled once, from
 * the same signed feed over every stored row version (the +1/−1 pairs of superseded versions cancel), and only
 * while the table is still empty, so a migration re-run after a failure never counts them twice. The view is
 * created after the backfill: migrations run before any ingest starts (one process, `exclusive`), so no insert
 * falls between the two. Never edit a released migration: add a new one.
 */
import type { Migration } from './types.js';

const mentionFiveMinute = `
CREATE TABLE IF NOT EXISTS {db}.mention_5m (
  brand LowCardinality(String) COMMENT 'Brand the mentions are attributed to',
  bucket DateTime('UTC') COMMENT 'Start of the 5-minute UTC bucket of published_at',
  source LowCardinality(String) COMMENT 'Connector type',
  source_id LowCardinality(String) COMMENT 'Configured source instance',
  volume SimpleAggregateFunction(sum, Int64) COMMENT 'Mentions published in the bucket; read with sum()',
  positive SimpleAggregateFunction(sum, Int64) COMMENT 'Mentions labelled positive; read with sum()',
  negative SimpleAggregateFunction(sum, Int64) COMMENT 'Mentions labelled negative; read with sum()',
  scored SimpleAggregateFunction(sum, Int64) COMMENT 'Mentions with a label other than unscored; the denominator of negative share'
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (brand, bucket, source, source_id)
TTL bucket + INTERVAL 400 DAY
COMMENT 'Exact 5-minute counters per brand and source for the alert detectors, fed by mention_5m_mv with +1/-1 deltas like mention_hourly. Always aggregate with sum(): rows are partial until merged. Kept 400 days.'`;

const aspectFiveMinute = `
CREATE TABLE IF NOT EXISTS {db}.aspect_5m (
  brand LowCardinality(String) COMMENT 'Brand the mentions are attributed to',
  bucket DateTime('UTC') COMMENT 'Start of the 5-minute UTC bucket of published_at',
  aspect LowCardinality(String) COMMENT 'Customer-service aspect found by the scorer',
  mentions SimpleAggregateFunction(sum, Int64) COMMENT 'Mentions in which the aspect occurs; read with sum()',
  negative SimpleAggregateFunction(sum, Int64) COMMENT 'Occurrences with aspect sentiment < 0; read with sum()'
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (brand, bucket, aspect)
TTL bucket + INTERVAL 400 DAY
COMMENT 'Exact 5-minute aspect counters per brand for the alert detectors, fed by aspect_5m_mv with +1/-1 deltas like aspect_hourly. Aggregate with sum(). Kept 400 days.'`;

// The signed feed of mention_hourly_mv: each inserted row counts +1 for its state and, when it replaces an
// earlier version (prev_exists), −1 for that one. `onlyIf` narrows it (the backfill runs only into an empty table).
const signedFeed = (aspects: boolean, onlyIf = '1'): string => `
FROM {db}.mentions
ARRAY JOIN [toInt64(1), toInt64(-1)] AS sign${aspects ? '\nARRAY JOIN if(sign > 0, aspects, prev_aspects) AS a' : ''}
WHERE ${onlyIf} AND (sign > 0 OR prev_exists = 1)`;

const mentionFeed = (onlyIf?: string): string => `
SELECT
  brand,
  toStartOfFiveMinutes(if(sign > 0, published_at, prev_published_at)) AS bucket,
  source,
  source_id,
  sum(sign) AS volume,
  sumIf(sign, if(sign > 0, label, prev_label) = 'positive') AS positive,
  sumIf(sign, if(sign > 0, label, prev_label) = 'negative') AS negative,
  sumIf(sign, if(sign > 0, label, prev_label) != 'unscored') AS scored${signedFeed(false, onlyIf)}
GROUP BY brand, bucket, source, source_id`;

const aspectFeed = (onlyIf?: string): string => `
SELECT
  brand,
  toStartOfFiveMinutes(if(sign > 0, published_at, prev_published_at)) AS bucket,
  a.aspect AS aspect,
  sum(sign) AS mentions,
  sumIf(sign, a.sentiment < 0) AS negative${signedFeed(true, onlyIf)}
GROUP BY brand, bucket, aspect`;

const backfill = (table: string, feed: (onlyIf: string) => string): string =>
  `INSERT INTO {db}.${table} ${feed(`(SELECT count() FROM {db}.${table}) = 0`)}`;

/** Creates mention_5m and aspect_5m, backfills them from stored mentions, then their feeding views. */
export const fiveMinuteAggregatesMigration: Migration = {
  version: 4,
  name: 'five-minute aggregates for alerts',
  statements: [
    mentionFiveMinute,
    aspectFiveMinute,
    backfill('mention_5m', mentionFeed),
    backfill('aspect_5m', aspectFeed),
    `CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.mention_5m_mv TO {db}.mention_5m AS${mentionFeed()}
COMMENT 'Feeds mention_5m from every insert into mentions: +1 for the new state, -1 for the replaced one.'`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.aspect_5m_mv TO {db}.aspect_5m AS${aspectFeed()}
COMMENT 'Feeds aspect_5m from every insert into mentions: +1 per aspect of the new state, -1 per aspect of the replaced one.'`,
  ],
};
