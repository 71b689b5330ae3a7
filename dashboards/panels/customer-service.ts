/**
 * Customer-service panels: the service aspects over time, complaint share, the top complaint mentions per
 * aspect and an hour-of-week heatmap of complaints. Response-time panels (first response, time to resolve,
 * from the care records of issue 14) go into `CUSTOMER_SERVICE_RESPONSE_PANELS` below.
 */
import { TABLES } from '../../storage/schema.js';
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

/**
 * Response-time panels (first response time, time to resolve, share within SLA) from the care records of
 * issue 14 belong here; the customer-service dashboard lays them out in its "Response times" row.
 */
export const CUSTOMER_SERVICE_RESPONSE_PANELS: readonly PanelDefinition[] = [];

export const CUSTOMER_SERVICE_PANELS: readonly PanelDefinition[] = [
  serviceAspectsOverTime,
  serviceComplaintShare,
  serviceTopComplaints,
  serviceHourOfWeek,
  ...CUSTOMER_SERVICE_RESPONSE_PANELS,
];
