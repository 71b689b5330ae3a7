/**
 * The brand's response times on social, computed exactly from the stored reply threads (migration 7): for
 * each customer mention (a mention of the brand whose author is not one of the brand's accounts) the first
 * reply by a brand account (`from_brand = 1` with `in_reply_to` naming it) is its response. Reads use `FINAL`,
 * so each mention counts once however often it was polled or re-ingested, and nothing is pre-aggregated:
 * medians and percentiles are exact over the mentions of the range (docs/schema.md#response-times).
 */
import { StorageError } from '../core/errors.js';
import type { Store } from './client.js';
import { fromDateTime64 } from './datetime.js';
import { resultObjects } from './query.js';
import { runReadQuery, toCount, type ReadQuery } from './read-query.js';
import { TABLES, THREADED_SOURCES } from './schema.js';

export { THREADED_SOURCES } from './schema.js';

/** What `responseTimesQuery` measures. */
export interface ResponseTimesOptions {
  brand: string;
  /** Customer mentions published in [from, to), epoch ms; their answers may come later than `to`. */
  from: number;
  to: number;
  /** The brand's SLA (`brands[].sla`) in milliseconds: an answer within it counts in `withinSla`. */
  slaMs: number;
  /** One row per hour of the customer mentions' publication (true), or one per source for the range. @default true */
  byHour?: boolean;
  /** Source types to measure. @default THREADED_SOURCES */
  sources?: readonly string[];
}

/** Response times of one source instance, in one hour (or over the whole range). */
export interface ResponseTimesRow {
  /** Start of the UTC hour the customer mentions were published in; `null` for a whole-range row. */
  hour: number | null;
  source: string;
  sourceId: string;
  /** Customer mentions (not by a brand account). */
  mentions: number;
  /** Of those, how many a brand account replied to. */
  answered: number;
  /** answered / mentions, in [0, 1]. */
  responseRate: number;
  /** Median and 90th percentile of the time to the first brand reply, over answered mentions, in ms (linear interpolation between ranks, rounded to the ms); `null` when none was answered. */
  medianMs: number | null;
  p90Ms: number | null;
  /** Mentions answered within the SLA. */
  withinSla: number;
  /** withinSla / mentions, in [0, 1] (unanswered mentions count as outside the SLA). */
  withinSlaShare: number;
}

const RANGE = `published_at >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')`;

const RESPONSE_TIMES_SQL = `
  SELECT if({by_hour:Bool}, toStartOfHour(published_at), toDateTime(0, 'UTC')) AS hour,
         source, source_id,
         count() AS mentions,
         sum(answered) AS answered_count,
         quantileExactInclusiveIf(0.5)(response_ms, answered = 1) AS median_ms,
         quantileExactInclusiveIf(0.9)(response_ms, answered = 1) AS p90_ms,
         countIf(answered = 1 AND response_ms <= {sla_ms:Int64}) AS within_sla
  FROM (
    SELECT c.source AS source, c.source_id AS source_id, c.published_at AS published_at,
           toUInt8(a.ref != '') AS answered,
           greatest(toInt64(0), toUnixTimestamp64Milli(a.first_at) - toUnixTimestamp64Milli(c.published_at)) AS response_ms
    FROM (
      SELECT source, source_id, if(reply_key = '', native_id, reply_key) AS ref, published_at
      FROM ${TABLES.mentions} FINAL
      WHERE brand = {brand:String} AND from_brand = 0 AND has({sources:Array(String)}, source)
        AND ${RANGE} AND published_at < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
    ) AS c
    LEFT JOIN (
      SELECT source_id, in_reply_to AS ref, min(published_at) AS first_at
      FROM ${TABLES.mentions} FINAL
      WHERE brand = {brand:String} AND from_brand = 1 AND in_reply_to != '' AND ${RANGE}
      GROUP BY source_id, ref
    ) AS a ON a.source_id = c.source_id AND a.ref = c.ref
  )
  GROUP BY hour, source, source_id
  ORDER BY source_id, hour`;

const finiteOrNull = (value: unknown): number | null => {
  const n = value === null || value === undefined ? Number.NaN : Number(value);
  // Interpolation leaves float noise (5759999.999999998): the inputs are whole milliseconds, so is the answer.
  return Number.isFinite(n) ? Math.round(n) : null;
};

/**
 * The response-times read: per source instance (and hour, unless `byHour: false`), the customer mentions of
 * `brand` published in [from, to), how many a brand account answered, the median and p90 time to the first
 * answer and the share answered within the SLA. Only groups with customer mentions appear.
 * Throws `StorageError` for an empty or inverted range or a negative SLA.
 */
export function responseTimesQuery(options: ResponseTimesOptions): ReadQuery<ResponseTimesRow[]> {
  const { brand, from, to, slaMs } = options;
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to || !(slaMs >= 0))
    throw new StorageError(
      `Response times of ${brand}: need from < to (epoch ms) and an SLA of 0 ms or more (got ${from}, ${to}, ${slaMs}).`,
    );
  const byHour = options.byHour ?? true;
  return {
    name: `response times of ${brand}`,
    sql: RESPONSE_TIMES_SQL,
    params: {
      brand,
      from: Math.floor(from),
      to: Math.floor(to),
      sla_ms: Math.floor(slaMs),
      by_hour: byHour,
      sources: [...(options.sources ?? THREADED_SOURCES)],
    },
    decode: (result) =>
      resultObjects(result).map((r) => {
        const mentions = toCount(r.mentions);
        const answered = toCount(r.answered_count);
        const withinSla = toCount(r.within_sla);
        return {
          hour: byHour ? fromDateTime64(String(r.hour)) : null,
          source: String(r.source),
          sourceId: String(r.source_id),
          mentions,
          answered,
          responseRate: mentions > 0 ? answered / mentions : 0,
          medianMs: answered > 0 ? finiteOrNull(r.median_ms) : null,
          p90Ms: answered > 0 ? finiteOrNull(r.p90_ms) : null,
          withinSla,
          withinSlaShare: mentions > 0 ? withinSla / mentions : 0,
        };
      }),
  };
}

/** The brand's response times (see `responseTimesQuery`). */
export async function responseTimes(
  store: Store,
  options: ResponseTimesOptions,
): Promise<ResponseTimesRow[]> {
  return runReadQuery(store, responseTimesQuery(options));
}
