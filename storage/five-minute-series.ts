/**
 * Five-minute series for the alert detectors, from the exact `mention_5m` / `aspect_5m` aggregates. Rows there
 * are +1/−1 deltas, partial until merged, so every measure is summed over its group. One read covers many
 * brands at once (the watch reads every brand's new buckets in one query per table, not one per brand), and
 * only buckets with data come back: the caller fills the gaps with zeros, because it alone knows which series
 * exist (configured sources, aspects it has seen).
 */
import { StorageError } from '../core/errors.js';
import { fromDateTime64 } from './datetime.js';
import { resultObjects } from './query.js';
import { toCount, type ReadQuery } from './read-query.js';
import { TABLES } from './schema.js';

/** Bucket size of the five-minute tables. */
export const FIVE_MINUTES_MS = 300_000;
/** Longest range one read accepts: 60 days (17,280 buckets per series). */
export const MAX_FIVE_MINUTE_RANGE_MS = 60 * 86_400_000;

/** Brands and a time range: buckets whose start lies in [from, to), epoch milliseconds. */
export interface FiveMinuteRange {
  brands: readonly string[];
  from: number;
  to: number;
}

/** One bucket of one brand and source. */
export interface SourceBucket {
  brand: string;
  sourceId: string;
  source: string;
  /** Bucket start, epoch ms. */
  start: number;
  volume: number;
  negative: number;
  positive: number;
  /** Mentions with a label other than unscored. */
  scored: number;
}

/** One bucket of one brand and aspect. */
export interface AspectBucket {
  brand: string;
  aspect: string;
  start: number;
  /** Mentions in which the aspect occurs. */
  mentions: number;
  /** Of which with negative aspect sentiment. */
  negative: number;
}

const RANGE = `has({brands:Array(String)}, brand)
    AND bucket >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')
    AND bucket < fromUnixTimestamp64Milli({to:Int64}, 'UTC')`;

const SOURCE_BUCKETS_SQL = `
  SELECT brand, source_id, any(source) AS source_type, bucket,
         sum(volume) AS volume_sum, sum(negative) AS negative_sum,
         sum(positive) AS positive_sum, sum(scored) AS scored_sum
  FROM ${TABLES.mention_5m}
  WHERE ${RANGE}
  GROUP BY brand, source_id, bucket
  HAVING volume_sum != 0
  ORDER BY brand, source_id, bucket`;

const ASPECT_BUCKETS_SQL = `
  SELECT brand, aspect, bucket, sum(mentions) AS mentions_sum, sum(negative) AS negative_sum
  FROM ${TABLES.aspect_5m}
  WHERE ${RANGE}
  GROUP BY brand, aspect, bucket
  HAVING mentions_sum != 0
  ORDER BY brand, aspect, bucket`;

/**
 * Per brand, source_id and five-minute bucket of [from, to): volume, negatives, positives and scored mentions,
 * for buckets that hold mentions. Throws `StorageError` for an empty, inverted or over-long range.
 */
export function sourceBucketsQuery(range: FiveMinuteRange): ReadQuery<SourceBucket[]> {
  return {
    name: `five-minute series of ${describe(range)}`,
    sql: SOURCE_BUCKETS_SQL,
    params: rangeParams(range),
    decode: (result) =>
      resultObjects(result).map((r) => ({
        brand: String(r.brand),
        sourceId: String(r.source_id),
        source: String(r.source_type),
        start: fromDateTime64(String(r.bucket)),
        volume: toCount(r.volume_sum),
        negative: toCount(r.negative_sum),
        positive: toCount(r.positive_sum),
        scored: toCount(r.scored_sum),
      })),
  };
}

/** Per brand, aspect and five-minute bucket of [from, to): aspect mentions and negatives. Throws like above. */
export function aspectBucketsQuery(range: FiveMinuteRange): ReadQuery<AspectBucket[]> {
  return {
    name: `five-minute aspect series of ${describe(range)}`,
    sql: ASPECT_BUCKETS_SQL,
    params: rangeParams(range),
    decode: (result) =>
      resultObjects(result).map((r) => ({
        brand: String(r.brand),
        aspect: String(r.aspect),
        start: fromDateTime64(String(r.bucket)),
        mentions: toCount(r.mentions_sum),
        negative: toCount(r.negative_sum),
      })),
  };
}

function describe({ brands }: FiveMinuteRange): string {
  return brands.length === 1 ? String(brands[0]) : `${brands.length} brands`;
}

function rangeParams(range: FiveMinuteRange): Record<string, unknown> {
  const { from, to } = range;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from || to - from > MAX_FIVE_MINUTE_RANGE_MS) {
    throw new StorageError(
      `Five-minute series of ${describe(range)}: the range ${from}–${to} must be non-empty and at most ` +
        `${MAX_FIVE_MINUTE_RANGE_MS / 86_400_000} days (epoch ms, from < to).`,
    );
  }
  return { brands: [...range.brands], from: Math.floor(from), to: Math.floor(to) };
}
