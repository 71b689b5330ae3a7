/**
 * Brand overview panels: volume, net sentiment, sentiment mix, unique authors, engagement over time; top
 * negative and positive mentions (one per story); top aspects. Time series read `mention_hourly` /
 * `aspect_hourly` (sums over the +1/−1 feed), the top-mention tables read `mentions FINAL` within the range.
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
  NET_SENTIMENT_COLUMNS,
  ONE_PER_STORY,
  SOURCE_FILTER,
  latestVersionsOf,
} from './sql.js';
import type { ColumnSpec, PanelDefinition } from './types.js';

const MH = TABLES.mention_hourly;

/** Per-bucket series of `mention_hourly` per brand: `SELECT time, brand, <measures>`. */
function brandSeries(measures: string): string {
  return `SELECT ${HOUR_BUCKET} AS time, brand,
  ${measures}
FROM ${MH}
WHERE ${HOURS_IN_RANGE}
  AND ${BRAND_FILTER}
  AND ${SOURCE_FILTER}
GROUP BY time, brand
ORDER BY time, brand`;
}

const TIME: ColumnSpec = { name: 'time', kind: 'time' };
const BRAND: ColumnSpec = { name: 'brand', kind: 'string' };

export const overviewVolume: PanelDefinition = {
  id: 'overview.volume',
  title: 'Mentions',
  description:
    '**Mentions**: mentions published per bucket, per brand (a record matching two brands counts for each).',
  visual: 'bars-over-time',
  format: 'time_series',
  sql: brandSeries('sum(volume) AS mentions'),
  columns: [TIME, BRAND, { name: 'mentions', kind: 'number', unit: 'short' }],
  variables: ['brand', 'source'],
  minIntervalSeconds: HOURLY,
};

export const overviewNetSentiment: PanelDefinition = {
  id: 'overview.net-sentiment',
  title: 'Net sentiment',
  description: `${KPI.netPolar}\n\n${KPI.netTotal}`,
  visual: 'timeseries',
  format: 'time_series',
  sql: brandSeries(NET_SENTIMENT_COLUMNS),
  columns: [
    TIME,
    BRAND,
    { name: 'net_sentiment_polar', kind: 'number', unit: 'percentunit', description: '(P−N)/(P+N)' },
    { name: 'net_sentiment_total', kind: 'number', unit: 'percentunit', description: '(P−N)/total' },
  ],
  variables: ['brand', 'source'],
  minIntervalSeconds: HOURLY,
};

export const overviewSentimentMix: PanelDefinition = {
  id: 'overview.sentiment-mix',
  title: 'Sentiment mix',
  description:
    '**Sentiment mix**: mentions per label (positive, neutral, negative, unscored = the engine declined to guess) as a share of all mentions per bucket, picked brands together.',
  visual: 'stacked-percent',
  format: 'time_series',
  sql: `SELECT ${HOUR_BUCKET} AS time,
  sum(positive) AS positive, sum(neutral) AS neutral, sum(negative) AS negative, sum(unscored) AS unscored
FROM ${MH}
WHERE ${HOURS_IN_RANGE}
  AND ${BRAND_FILTER}
  AND ${SOURCE_FILTER}
GROUP BY time
ORDER BY time`,
  columns: [
    TIME,
    { name: 'positive', kind: 'number', unit: 'short' },
    { name: 'neutral', kind: 'number', unit: 'short' },
    { name: 'negative', kind: 'number', unit: 'short' },
    { name: 'unscored', kind: 'number', unit: 'short' },
  ],
  variables: ['brand', 'source'],
  minIntervalSeconds: HOURLY,
};

export const overviewUniqueAuthors: PanelDefinition = {
  id: 'overview.unique-authors',
  title: 'Unique authors',
  description:
    '**Unique authors**: distinct authors per bucket and brand (HyperLogLog estimate, about ±2 %).',
  visual: 'timeseries',
  format: 'time_series',
  sql: brandSeries('uniqMerge(unique_authors) AS authors'),
  columns: [TIME, BRAND, { name: 'authors', kind: 'number', unit: 'short' }],
  variables: ['brand', 'source'],
  minIntervalSeconds: HOURLY,
};

export const overviewEngagement: PanelDefinition = {
  id: 'overview.engagement',
  title: 'Engagement',
  description:
    '**Engagement**: likes + shares + replies of the mentions published in the bucket (latest counts seen), per brand.',
  visual: 'timeseries',
  format: 'time_series',
  sql: brandSeries('sum(engagement_sum) AS engagement'),
  columns: [TIME, BRAND, { name: 'engagement', kind: 'number', unit: 'short' }],
  variables: ['brand', 'source'],
  minIntervalSeconds: HOURLY,
};

export const overviewTotals: PanelDefinition = {
  id: 'overview.totals',
  title: 'In this range',
  description: `Totals over the whole range for the picked brands and sources. ${KPI.netPolar} ${KPI.netTotal}`,
  visual: 'stat',
  format: 'table',
  sql: `SELECT sum(volume) AS mentions,
  ${NET_SENTIMENT_COLUMNS},
  uniqMerge(unique_authors) AS authors,
  sum(engagement_sum) AS engagement
FROM ${MH}
WHERE ${HOURS_IN_RANGE}
  AND ${BRAND_FILTER}
  AND ${SOURCE_FILTER}`,
  columns: [
    { name: 'mentions', kind: 'number', unit: 'short' },
    { name: 'net_sentiment_polar', kind: 'number', unit: 'percentunit' },
    { name: 'net_sentiment_total', kind: 'number', unit: 'percentunit' },
    { name: 'authors', kind: 'number', unit: 'short' },
    { name: 'engagement', kind: 'number', unit: 'short' },
  ],
  variables: ['brand', 'source'],
};

/** Columns of every "top mentions" table. */
export const MENTION_TABLE_COLUMNS: ColumnSpec[] = [
  { name: 'time', kind: 'time', description: 'published' },
  BRAND,
  { name: 'source', kind: 'string' },
  { name: 'author', kind: 'string' },
  { name: 'sentiment', kind: 'number', unit: 'none' },
  { name: 'engagement', kind: 'number', unit: 'short' },
  { name: 'excerpt', kind: 'string' },
  { name: 'url', kind: 'url' },
];

/** Most engaging mentions with `label` in the range (latest versions only), one per story. */
function topMentions(label: 'negative' | 'positive', order: 'ASC' | 'DESC'): string {
  return latestVersionsOf(
    `  SELECT brand, source_id, native_id, version, story_id, published_at, source, author, sentiment,
    toInt64(likes) + shares + replies AS engagement, title, text, url
  FROM ${TABLES.mentions}
  WHERE $__timeFilter(published_at)
    AND label = '${label}'
    AND ${BRAND_FILTER}
    AND ${SOURCE_FILTER}
  ORDER BY engagement DESC, sentiment ${order}, published_at DESC
  LIMIT ${CANDIDATES}`,
    `published_at AS time, brand, source, author, round(sentiment, 2) AS sentiment, engagement, ${MENTION_EXCERPT}, url`,
    `ORDER BY engagement DESC, sentiment ${order}, time DESC
${ONE_PER_STORY}
LIMIT 20`,
  );
}

export const overviewTopNegative: PanelDefinition = {
  id: 'overview.top-negative',
  title: 'Top negative mentions',
  description:
    'The 20 most engaging negative mentions in the range (engagement = likes + shares + replies; ties: most negative first), one per story so a syndicated text shows once.',
  visual: 'table',
  format: 'table',
  sql: topMentions('negative', 'ASC'),
  columns: MENTION_TABLE_COLUMNS,
  variables: ['brand', 'source'],
};

export const overviewTopPositive: PanelDefinition = {
  id: 'overview.top-positive',
  title: 'Top positive mentions',
  description:
    'The 20 most engaging positive mentions in the range (ties: most positive first), one per story.',
  visual: 'table',
  format: 'table',
  sql: topMentions('positive', 'DESC'),
  columns: MENTION_TABLE_COLUMNS,
  variables: ['brand', 'source'],
};

export const overviewTopAspects: PanelDefinition = {
  id: 'overview.top-aspects',
  title: 'Top aspects',
  description:
    'Aspects most talked about in the range: occurrences, and how many were negative / positive (aspect sentiment below / above 0). Not filtered by source (aspects are aggregated per brand only).',
  visual: 'bar',
  format: 'table',
  sql: `SELECT aspect, sum(mentions) AS occurrences, sum(negative) AS negative, sum(positive) AS positive
FROM ${TABLES.aspect_hourly}
WHERE ${HOURS_IN_RANGE}
  AND ${BRAND_FILTER}
  AND ${ASPECT_FILTER}
GROUP BY aspect
HAVING occurrences > 0
ORDER BY occurrences DESC, aspect
LIMIT 15`,
  columns: [
    { name: 'aspect', kind: 'string' },
    { name: 'occurrences', kind: 'number', unit: 'short' },
    { name: 'negative', kind: 'number', unit: 'short' },
    { name: 'positive', kind: 'number', unit: 'short' },
  ],
  variables: ['brand', 'aspect'],
};

/** The overview's panels, in reading order. */
export const OVERVIEW_PANELS: readonly PanelDefinition[] = [
  overviewTotals,
  overviewVolume,
  overviewNetSentiment,
  overviewSentimentMix,
  overviewUniqueAuthors,
  overviewEngagement,
  overviewTopNegative,
  overviewTopPositive,
  overviewTopAspects,
];
