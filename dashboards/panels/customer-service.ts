/**
 * Customer-service panels: the service aspects over time, complaint share, the top complaint mentions per
 * aspect and an hour-of-week heatmap of complaints. Response-time panels (first response, time to resolve,
 * from the care records of issue 14) go into `CUSTOMER_SERVICE_RESPONSE_PANELS` below.
 */
import { TABLES, THREADED_SOURCES } from '../../storage/schema.js';
import {
  ASPECT_FILTER,
  BRAND_FILTER,
  CANDIDATES,
  HOURLY,
  HOURS_IN_RANGE,
  HOUR_BUCKET,
  KPI,
  MENTION_EXCERPT,
  SOURCE_FILTER,
  latestVersionsOf,
} from './sql.js';
import type { PanelDefinition } from './types.js';

/**
 * The customer-service aspects the scorer finds (sentiment/aspects.ts `ASPECTS`; `price` covers refunds);
 * a test keeps the two lists equal.
 */
export const SERVICE_ASPECTS = [
  'support',
  'staff',
  'wait_time',
  'price',
  'quality',
  'delivery',
  'website_app',
  'reliability',
] as const;

const SERVICE_ASPECT_LIST = SERVICE_ASPECTS.map((a) => `'${a}'`).join(', ');

export const serviceAspectsOverTime: PanelDefinition = {
  id: 'service.aspects',
  title: 'Service aspects over time',
  description:
    'Occurrences of each customer-service aspect per bucket, and how many were complaints (aspect sentiment below 0). Not filtered by source.',
  visual: 'timeseries',
  format: 'time_series',
  sql: `SELECT ${HOUR_BUCKET} AS time, aspect, sum(mentions) AS occurrences, sum(negative) AS complaints
FROM ${TABLES.aspect_hourly}
WHERE ${HOURS_IN_RANGE}
  AND aspect IN (${SERVICE_ASPECT_LIST})
  AND ${BRAND_FILTER}
  AND ${ASPECT_FILTER}
GROUP BY time, aspect
ORDER BY time, aspect`,
  columns: [
    { name: 'time', kind: 'time' },
    { name: 'aspect', kind: 'string' },
    { name: 'occurrences', kind: 'number', unit: 'short' },
    { name: 'complaints', kind: 'number', unit: 'short' },
  ],
  variables: ['brand', 'aspect'],
  minIntervalSeconds: HOURLY,
};

export const serviceComplaintShare: PanelDefinition = {
  id: 'service.complaint-share',
  title: 'Complaint share',
  description: `${KPI.negativeShare} Per brand and bucket.`,
  visual: 'timeseries',
  format: 'time_series',
  sql: `SELECT ${HOUR_BUCKET} AS time, brand, sum(negative) / nullIf(sum(scored), 0) AS complaint_share
FROM ${TABLES.mention_hourly}
WHERE ${HOURS_IN_RANGE}
  AND ${BRAND_FILTER}
  AND ${SOURCE_FILTER}
GROUP BY time, brand
ORDER BY time, brand`,
  columns: [
    { name: 'time', kind: 'time' },
    { name: 'brand', kind: 'string' },
    { name: 'complaint_share', kind: 'number', unit: 'percentunit' },
  ],
  variables: ['brand', 'source'],
  minIntervalSeconds: HOURLY,
};

export const serviceTopComplaints: PanelDefinition = {
  id: 'service.top-complaints',
  title: 'Top complaints per aspect',
  description:
    'For each service aspect, the 3 most engaging mentions in the range that complain about it (aspect sentiment below 0), one per story.',
  visual: 'table',
  format: 'table',
  sql: `SELECT aspect, time, brand, source, author, sentiment, engagement, excerpt, url
FROM (
${latestVersionsOf(
  `  SELECT brand, source_id, native_id, version, story_id, a.aspect AS aspect, published_at, source, author,
    a.sentiment AS aspect_sentiment, toInt64(likes) + shares + replies AS engagement, ${MENTION_EXCERPT}, url
  FROM ${TABLES.mentions}
  ARRAY JOIN aspects AS a
  WHERE $__timeFilter(published_at)
    AND a.sentiment < 0
    AND a.aspect IN (${SERVICE_ASPECT_LIST})
    AND ${BRAND_FILTER}
    AND ${SOURCE_FILTER}
    AND $__conditionalAll(a.aspect IN (\${aspect:singlequote}), $aspect)
  ORDER BY aspect, engagement DESC, aspect_sentiment ASC, published_at DESC
  LIMIT ${CANDIDATES / 10} BY aspect`,
  'aspect, published_at AS time, brand, source, author, round(aspect_sentiment, 2) AS sentiment, engagement, excerpt, url',
  `ORDER BY aspect, engagement DESC, sentiment ASC, time DESC
LIMIT 1 BY aspect, if(story_id = '', native_id, story_id)`,
)}
)
ORDER BY aspect, engagement DESC, sentiment ASC, time DESC
LIMIT 3 BY aspect`,
  columns: [
    { name: 'aspect', kind: 'string' },
    { name: 'time', kind: 'time', description: 'published' },
    { name: 'brand', kind: 'string' },
    { name: 'source', kind: 'string' },
    { name: 'author', kind: 'string' },
    { name: 'sentiment', kind: 'number', unit: 'none', description: 'sentiment of the aspect' },
    { name: 'engagement', kind: 'number', unit: 'short' },
    { name: 'excerpt', kind: 'string' },
    { name: 'url', kind: 'url' },
  ],
  variables: ['brand', 'source', 'aspect'],
};

export const serviceHourOfWeek: PanelDefinition = {
  id: 'service.hour-of-week',
  title: 'Complaints by hour of week (UTC)',
  description:
    'Negative mentions in the range by weekday and hour of day (UTC): when complaints come in, to staff support.',
  visual: 'heatmap',
  format: 'table',
  sql: `SELECT formatDateTime(hour, '%H') AS hour_of_day, formatDateTime(hour, '%u %a') AS weekday,
  sum(negative) AS complaints
FROM ${TABLES.mention_hourly}
WHERE ${HOURS_IN_RANGE}
  AND ${BRAND_FILTER}
  AND ${SOURCE_FILTER}
GROUP BY hour_of_day, weekday
ORDER BY weekday, hour_of_day`,
  columns: [
    { name: 'hour_of_day', kind: 'string' },
    { name: 'weekday', kind: 'string' },
    { name: 'complaints', kind: 'number', unit: 'short' },
  ],
  variables: ['brand', 'source'],
};

/** Source types whose connectors record reply threads (storage/response-times.ts THREADED_SOURCES). */
const THREADED_SOURCE_LIST = THREADED_SOURCES.map((t) => `'${t}'`).join(', ');

/**
 * Each customer mention of the range (a mention of the brand not written by one of its accounts) with
 * whether a brand account replied and after how long, as storage/response-times.ts computes it (FINAL:
 * each mention once). `group` and `select` finish the query.
 */
const respondedMentions = (select: string, group: string): string => `SELECT ${select}
FROM (
  SELECT c.brand AS brand, c.source AS source, c.published_at AS published_at, toUInt8(a.ref != '') AS answered,
    greatest(toInt64(0), toUnixTimestamp64Milli(a.first_at) - toUnixTimestamp64Milli(c.published_at)) AS response_ms
  FROM (
    SELECT brand, source, source_id, if(reply_key = '', native_id, reply_key) AS ref, published_at
    FROM ${TABLES.mentions} FINAL
    WHERE $__timeFilter(published_at) AND from_brand = 0 AND source IN (${THREADED_SOURCE_LIST})
      AND ${BRAND_FILTER}
      AND ${SOURCE_FILTER}
  ) AS c
  LEFT JOIN (
    SELECT brand, source_id, in_reply_to AS ref, min(published_at) AS first_at
    FROM ${TABLES.mentions} FINAL
    WHERE published_at >= $__fromTime AND from_brand = 1 AND in_reply_to != ''
      AND ${BRAND_FILTER}
    GROUP BY brand, source_id, ref
  ) AS a ON a.brand = c.brand AND a.source_id = c.source_id AND a.ref = c.ref
)
${group}`;

const RESPONSE_KPIS = `avg(answered) AS response_rate,
  quantileExactInclusiveIf(0.5)(response_ms, answered = 1) / 60000 AS median_minutes,
  quantileExactInclusiveIf(0.9)(response_ms, answered = 1) / 60000 AS p90_minutes`;

const RESPONSE_DEFINITION =
  "**Response rate**: customer mentions (of the brand, not by one of its accounts in `brands[].accounts`) that a brand account replied to / all customer mentions. **Time to first response**: from the customer's post to the brand's first reply, median and 90th percentile over answered mentions. Only sources that record reply threads (X, Bluesky, Mastodon, Reddit).";

export const serviceResponseTimes: PanelDefinition = {
  id: 'service.response-times',
  title: 'Brand response times on social',
  description: `${RESPONSE_DEFINITION} Per brand and bucket of the customer's post.`,
  visual: 'timeseries',
  format: 'time_series',
  sql: respondedMentions(
    `$__timeInterval(published_at) AS time, brand,\n  ${RESPONSE_KPIS}`,
    'GROUP BY time, brand\nORDER BY time, brand',
  ),
  columns: [
    { name: 'time', kind: 'time' },
    { name: 'brand', kind: 'string' },
    { name: 'response_rate', kind: 'number', unit: 'percentunit' },
    { name: 'median_minutes', kind: 'number', unit: 'm' },
    { name: 'p90_minutes', kind: 'number', unit: 'm' },
  ],
  variables: ['brand', 'source'],
};

export const serviceResponseBySource: PanelDefinition = {
  id: 'service.response-by-source',
  title: 'Response times per source',
  description: `${RESPONSE_DEFINITION} **Answered within 1 h**: share of all customer mentions answered within an hour (Earshot's default SLA; each brand's own \`sla\` is applied by the responseTimes read, docs/schema.md#response-times).`,
  visual: 'table',
  format: 'table',
  sql: respondedMentions(
    `brand, source, count() AS mentions, sum(answered) AS answered_mentions,\n  ${RESPONSE_KPIS},\n  countIf(answered = 1 AND response_ms <= 3600000) / count() AS within_1h`,
    'GROUP BY brand, source\nORDER BY brand, source',
  ),
  columns: [
    { name: 'brand', kind: 'string' },
    { name: 'source', kind: 'string' },
    { name: 'mentions', kind: 'number', unit: 'short' },
    { name: 'answered_mentions', kind: 'number', unit: 'short' },
    { name: 'response_rate', kind: 'number', unit: 'percentunit' },
    { name: 'median_minutes', kind: 'number', unit: 'm' },
    { name: 'p90_minutes', kind: 'number', unit: 'm' },
    { name: 'within_1h', kind: 'number', unit: 'percentunit' },
  ],
  variables: ['brand', 'source'],
};

/** Issue 14's response-time panels; the customer-service dashboard lays them out in its "Response times" row. */
export const CUSTOMER_SERVICE_RESPONSE_PANELS: readonly PanelDefinition[] = [
  serviceResponseTimes,
  serviceResponseBySource,
];

export const CUSTOMER_SERVICE_PANELS: readonly PanelDefinition[] = [
  serviceAspectsOverTime,
  serviceComplaintShare,
  serviceTopComplaints,
  serviceHourOfWeek,
  ...CUSTOMER_SERVICE_RESPONSE_PANELS,
];
