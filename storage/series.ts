/**
 * Hourly series of one brand for detectors (alerts) and charts: volume and negativity per hour, from the exact
 * aggregate tables. Their rows are +1/−1 deltas, partial until merged, so every measure is summed over its
 * group and a single row is never read on its own (docs/schema.md).
 */
import { StorageError } from '../core/errors.js';
import type { Store } from './client.js';
import { fromDateTime64 } from './datetime.js';
import { resultObjects } from './query.js';
import { runReadQuery, toCount, type ReadQuery } from './read-query.js';
import { TABLES } from './schema.js';

const HOUR_MS = 3_600_000;
/** Longest range a series read accepts: 400 days of hourly points per group. */
export const MAX_SERIES_HOURS = 400 * 24;

/** A brand and a time range: the hours whose start lies in [from, to), epoch milliseconds. */
export interface SeriesRange {
  brand: string;
  from: number;
  to: number;
}

/** Options of `mentionSeriesQuery`. */
export interface MentionSeriesOptions extends SeriesRange {
  /** One series per configured source (source_id) instead of one for the brand. @default false */
  bySource?: boolean;
}

/** One hour of a brand's mentions (of one source when split by source). */
export interface MentionSeriesPoint {
  /** Start of the UTC hour, epoch milliseconds. */
  hour: number;
  /** Source instance and connector type when split by source; `null` for the brand's total. */
  sourceId: string | null;
  source: string | null;
  /** Mentions published in the hour. */
  volume: number;
  /** Mentions labelled negative. */
  negative: number;
  /** Mentions with a label other than `unscored`: the denominator of `negativeShare`. */
  scored: number;
  /** negative / scored, in [0, 1]; `null` when nothing was scored in the hour. */
  negativeShare: number | null;
}

/** Options of `aspectSeriesQuery`. */
export interface AspectSeriesOptions extends SeriesRange {
  /** Only these aspects; every aspect when absent or empty. */
  aspects?: readonly string[];
}

/** One hour of one aspect of a brand. */
export interface AspectSeriesPoint {
  hour: number;
  aspect: string;
  /** Mentions in which the aspect occurs. */
  mentions: number;
  /** Occurrences with negative / positive aspect sentiment. */
  negative: number;
  positive: number;
  /** negative / mentions, in [0, 1]; `null` when the aspect did not occur in the hour. */
  negativeShare: number | null;
}

const RANGE = `brand = {brand:String}
    AND hour >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')
    AND hour < fromUnixTimestamp64Milli({to:Int64}, 'UTC')`;

const MENTION_SERIES_SQL = `
  SELECT hour,
         if({by_source:Bool}, source_id, '') AS series_source_id,
         if({by_source:Bool}, source, '') AS series_source,
         sum(volume) AS volume_sum,
         sum(negative) AS negative_sum,
         sum(scored) AS scored_sum
  FROM ${TABLES.mention_hourly}
  WHERE ${RANGE}
  GROUP BY hour, series_source_id, series_source
  HAVING volume_sum != 0
  ORDER BY series_source_id, hour`;

const ASPECT_SERIES_SQL = `
  SELECT hour, aspect,
         sum(mentions) AS mentions_sum,
         sum(negative) AS negative_sum,
         sum(positive) AS positive_sum
  FROM ${TABLES.aspect_hourly}
  WHERE ${RANGE}
    AND (empty({aspects:Array(String)}) OR has({aspects:Array(String)}, aspect))
  GROUP BY hour, aspect
  HAVING mentions_sum != 0
  ORDER BY aspect, hour`;

/**
 * The mention series read: per hour of [from, to), the brand's volume, negative count and negative share;
 * split per source_id with `bySource`. Every hour of the range is present, zeros included (one series per
 * source that has mentions in the range). Throws `StorageError` for an empty or inverted range or one longer
 * than `MAX_SERIES_HOURS`.
 */
export function mentionSeriesQuery(options: MentionSeriesOptions): ReadQuery<MentionSeriesPoint[]> {
  const hours = hoursOf(options);
  const bySource = options.bySource ?? false;
  return {
    name: `mention series of ${options.brand}`,
    sql: MENTION_SERIES_SQL,
    params: { ...rangeParams(options), by_source: bySource },
    decode(result) {
      const rows = resultObjects(result).map((r) => {
        const scored = toCount(r.scored_sum);
        const negative = toCount(r.negative_sum);
        return {
          hour: fromDateTime64(String(r.hour)),
          sourceId: bySource ? String(r.series_source_id) : null,
          source: bySource ? String(r.series_source) : null,
          volume: toCount(r.volume_sum),
          negative,
          scored,
          negativeShare: scored > 0 ? negative / scored : null,
        };
      });
      const zero = (hour: number, like?: MentionSeriesPoint): MentionSeriesPoint => ({
        hour,
        sourceId: like?.sourceId ?? null,
        source: like?.source ?? null,
        volume: 0,
        negative: 0,
        scored: 0,
        negativeShare: null,
      });
      // The brand's total is a series even in a silent range; per-source series exist for sources with data.
      if (!bySource && rows.length === 0) return hours.map((hour) => zero(hour));
      return fillHours(hours, rows, (p) => String(p.sourceId), zero);
    },
  };
}

/**
 * The aspect series read: per aspect and hour of [from, to), how often the aspect occurred in the brand's
 * mentions and how often negatively. Every hour is present for each aspect that occurs in the range. Throws
 * like `mentionSeriesQuery`.
 */
export function aspectSeriesQuery(options: AspectSeriesOptions): ReadQuery<AspectSeriesPoint[]> {
  const hours = hoursOf(options);
  return {
    name: `aspect series of ${options.brand}`,
    sql: ASPECT_SERIES_SQL,
    params: { ...rangeParams(options), aspects: [...(options.aspects ?? [])] },
    decode(result) {
      const rows = resultObjects(result).map((r) => {
        const mentions = toCount(r.mentions_sum);
        const negative = toCount(r.negative_sum);
        return {
          hour: fromDateTime64(String(r.hour)),
          aspect: String(r.aspect),
          mentions,
          negative,
          positive: toCount(r.positive_sum),
          negativeShare: mentions > 0 ? negative / mentions : null,
        };
      });
      return fillHours(
        hours,
        rows,
        (p) => p.aspect,
        (hour, like) => ({
          hour,
          aspect: like.aspect,
          mentions: 0,
          negative: 0,
          positive: 0,
          negativeShare: null,
        }),
      );
    },
  };
}

/** The brand's hourly mention series (see `mentionSeriesQuery`). */
export async function mentionSeries(
  store: Store,
  options: MentionSeriesOptions,
): Promise<MentionSeriesPoint[]> {
  return runReadQuery(store, mentionSeriesQuery(options));
}

/** The brand's hourly aspect series (see `aspectSeriesQuery`). */
export async function aspectSeries(store: Store, options: AspectSeriesOptions): Promise<AspectSeriesPoint[]> {
  return runReadQuery(store, aspectSeriesQuery(options));
}

/** Starts of the hours in [from, to). */
function hoursOf({ brand, from, to }: SeriesRange): number[] {
  const first = Math.ceil(from / HOUR_MS) * HOUR_MS;
  const count = Math.ceil((to - first) / HOUR_MS);
  if (!Number.isFinite(from) || !Number.isFinite(to) || count <= 0 || count > MAX_SERIES_HOURS) {
    throw new StorageError(
      `Series of ${brand}: the range ${from}–${to} must hold 1 to ${MAX_SERIES_HOURS} hour starts (epoch ms, from < to).`,
    );
  }
  return Array.from({ length: count }, (_, i) => first + i * HOUR_MS);
}

function rangeParams({ brand, from, to }: SeriesRange): Record<string, unknown> {
  return { brand, from: Math.floor(from), to: Math.floor(to) };
}

/**
 * Every hour of `hours` for each group of `points` (points arrive ordered by group, then hour), zeros where
 * ClickHouse returned nothing.
 */
function fillHours<P extends { hour: number }>(
  hours: readonly number[],
  points: readonly P[],
  groupOf: (point: P) => string,
  zero: (hour: number, like: P) => P,
): P[] {
  const groups = new Map<string, Map<number, P>>();
  for (const point of points) {
    const key = groupOf(point);
    const group = groups.get(key) ?? new Map<number, P>();
    group.set(point.hour, point);
    groups.set(key, group);
  }
  const out: P[] = [];
  for (const group of groups.values()) {
    const like = group.values().next().value as P;
    for (const hour of hours) out.push(group.get(hour) ?? zero(hour, like));
  }
  return out;
}
