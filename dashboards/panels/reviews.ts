/**
 * Review panels: rating distribution, average stars, NPS-style and CSAT-style scores over time, scores per
 * source / app-country instance, and the latest low ratings. Scores read the rating sums of
 * `mention_hourly`; the distribution and the latest low ratings read `mentions FINAL` within the range.
 */
import { TABLES } from '../../storage/schema.js';
import {
  BRAND_FILTER,
  CANDIDATES,
  HOURLY,
  HOURS_IN_RANGE,
  HOUR_BUCKET,
  KPI,
  MENTION_EXCERPT,
  ONE_PER_STORY,
  REVIEW_SCORE_COLUMNS,
  SOURCE_FILTER,
  latestVersionsOf,
} from './sql.js';
import type { ColumnSpec, PanelDefinition } from './types.js';

const MH = TABLES.mention_hourly;
const FILTERS = `${HOURS_IN_RANGE}\n  AND ${BRAND_FILTER}\n  AND ${SOURCE_FILTER}`;
const SCORE_COLUMNS: ColumnSpec[] = [
  { name: 'reviews', kind: 'number', unit: 'short' },
  { name: 'avg_stars', kind: 'number', unit: 'none' },
  { name: 'nps', kind: 'number', unit: 'none' },
  { name: 'csat', kind: 'number', unit: 'percent' },
];

export const reviewsTotals: PanelDefinition = {
  id: 'reviews.totals',
  title: 'Review scores in this range',
  description: `${KPI.avgStars}\n\n${KPI.nps}\n\n${KPI.csat}`,
  visual: 'stat',
  format: 'table',
  sql: `SELECT ${REVIEW_SCORE_COLUMNS}
FROM ${MH}
WHERE ${FILTERS}`,
  columns: SCORE_COLUMNS,
  variables: ['brand', 'source'],
};

export const reviewsDistribution: PanelDefinition = {
  id: 'reviews.rating-distribution',
  title: 'Rating distribution',
  description:
    'Reviews published in the range by stars (rating / scale × 5, rounded: a 7 of 10 counts as 4 stars).',
  visual: 'bar',
  format: 'table',
  sql: `SELECT concat(toString(toUInt8(round(5 * rating / rating_scale))), '★') AS stars, count() AS reviews
FROM ${TABLES.mentions} FINAL
WHERE $__timeFilter(published_at)
  AND rating IS NOT NULL AND rating_scale > 0
  AND ${BRAND_FILTER}
  AND ${SOURCE_FILTER}
GROUP BY stars
ORDER BY stars`,
  columns: [
    { name: 'stars', kind: 'string' },
    { name: 'reviews', kind: 'number', unit: 'short' },
  ],
  variables: ['brand', 'source'],
};

export const reviewsAverageStars: PanelDefinition = {
  id: 'reviews.avg-stars',
  title: 'Average stars',
  description: KPI.avgStars,
  visual: 'timeseries',
  format: 'time_series',
  sql: `SELECT ${HOUR_BUCKET} AS time, brand, 5 * sum(rating_norm_sum) / sum(rated) AS avg_stars
FROM ${MH}
WHERE ${FILTERS}
GROUP BY time, brand
HAVING sum(rated) > 0
ORDER BY time, brand`,
  columns: [
    { name: 'time', kind: 'time' },
    { name: 'brand', kind: 'string' },
    { name: 'avg_stars', kind: 'number', unit: 'none' },
  ],
  variables: ['brand', 'source'],
  minIntervalSeconds: HOURLY,
};

export const reviewsScores: PanelDefinition = {
  id: 'reviews.nps-csat',
  title: 'NPS-style and CSAT-style scores',
  description: `${KPI.nps}\n\n${KPI.csat}`,
  visual: 'timeseries',
  format: 'time_series',
  sql: `SELECT ${HOUR_BUCKET} AS time, brand,
  100 * (sum(promoters) - sum(detractors)) / sum(rated) AS nps,
  100 * (sum(rated) - sum(detractors)) / sum(rated) AS csat
FROM ${MH}
WHERE ${FILTERS}
GROUP BY time, brand
HAVING sum(rated) > 0
ORDER BY time, brand`,
  columns: [
    { name: 'time', kind: 'time' },
    { name: 'brand', kind: 'string' },
    { name: 'nps', kind: 'number', unit: 'none' },
    { name: 'csat', kind: 'number', unit: 'percent' },
  ],
  variables: ['brand', 'source'],
  minIntervalSeconds: HOURLY,
};

export const reviewsBySource: PanelDefinition = {
  id: 'reviews.by-source',
  title: 'Scores by source, app and country',
  description: `Per configured source instance (e.g. one App Store app in one country). ${KPI.avgStars} ${KPI.nps} ${KPI.csat}`,
  visual: 'table',
  format: 'table',
  sql: `SELECT source, source_id, ${REVIEW_SCORE_COLUMNS}
FROM ${MH}
WHERE ${FILTERS}
GROUP BY source, source_id
HAVING reviews > 0
ORDER BY reviews DESC, source_id`,
  columns: [{ name: 'source', kind: 'string' }, { name: 'source_id', kind: 'string' }, ...SCORE_COLUMNS],
  variables: ['brand', 'source'],
};

export const reviewsLatestLow: PanelDefinition = {
  id: 'reviews.latest-low',
  title: 'Latest low ratings',
  description:
    'The 20 latest reviews rated at most 60 % of the scale (1–3 of 5: the NPS-style detractors), one per story, with links.',
  visual: 'table',
  format: 'table',
  sql: latestVersionsOf(
    `  SELECT brand, source_id, native_id, version, story_id, published_at, source, rating, rating_scale, author,
    ${MENTION_EXCERPT}, url
  FROM ${TABLES.mentions}
  WHERE $__timeFilter(published_at)
    AND rating IS NOT NULL AND rating_scale > 0 AND rating / rating_scale <= 0.6
    AND ${BRAND_FILTER}
    AND ${SOURCE_FILTER}
  ORDER BY published_at DESC
  LIMIT ${CANDIDATES}`,
    'published_at AS time, brand, source, source_id, round(5 * rating / rating_scale, 1) AS stars, author, excerpt, url',
    `ORDER BY time DESC
${ONE_PER_STORY}
LIMIT 20`,
  ),
  columns: [
    { name: 'time', kind: 'time', description: 'published' },
    { name: 'brand', kind: 'string' },
    { name: 'source', kind: 'string' },
    { name: 'source_id', kind: 'string' },
    { name: 'stars', kind: 'number', unit: 'none' },
    { name: 'author', kind: 'string' },
    { name: 'excerpt', kind: 'string' },
    { name: 'url', kind: 'url' },
  ],
  variables: ['brand', 'source'],
};

export const REVIEWS_PANELS: readonly PanelDefinition[] = [
  reviewsTotals,
  reviewsDistribution,
  reviewsAverageStars,
  reviewsScores,
  reviewsBySource,
  reviewsLatestLow,
];
