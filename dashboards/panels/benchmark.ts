/**
 * Competitive benchmark panels: the picked brands beside their competitors (the `competitor` variable, built
 * from the configuration's `competitors`). Everything reads the hourly aggregates.
 */
import { TABLES } from '../../storage/schema.js';
import {
  ASPECT_FILTER,
  BENCHMARK_BRANDS,
  HOURLY,
  HOURS_IN_RANGE,
  HOUR_BUCKET,
  KPI,
  NET_SENTIMENT_COLUMNS,
  REVIEW_SCORE_COLUMNS,
  SOURCE_FILTER,
} from './sql.js';
import type { ColumnSpec, PanelDefinition } from './types.js';

const MH = TABLES.mention_hourly;
const BRAND: ColumnSpec = { name: 'brand', kind: 'string' };
const FILTERS = `${HOURS_IN_RANGE}\n  AND ${BENCHMARK_BRANDS}\n  AND ${SOURCE_FILTER}`;

export const benchmarkShareOfVoice: PanelDefinition = {
  id: 'benchmark.share-of-voice',
  title: 'Share of voice',
  description: KPI.shareOfVoice,
  visual: 'stacked-percent',
  format: 'time_series',
  sql: `SELECT ${HOUR_BUCKET} AS time, brand, sum(volume) AS mentions
FROM ${MH}
WHERE ${FILTERS}
GROUP BY time, brand
ORDER BY time, brand`,
  columns: [{ name: 'time', kind: 'time' }, BRAND, { name: 'mentions', kind: 'number', unit: 'short' }],
  variables: ['brand', 'competitor', 'source'],
  minIntervalSeconds: HOURLY,
};

export const benchmarkVolume: PanelDefinition = {
  id: 'benchmark.volume',
  title: 'Mentions and share of voice per brand',
  description: `Mentions in the range per brand. ${KPI.shareOfVoice}`,
  visual: 'bar',
  format: 'table',
  sql: `SELECT brand, sum(volume) AS mentions, mentions / nullIf(sum(mentions) OVER (), 0) AS share_of_voice
FROM ${MH}
WHERE ${FILTERS}
GROUP BY brand
ORDER BY mentions DESC, brand`,
  columns: [
    BRAND,
    { name: 'mentions', kind: 'number', unit: 'short' },
    { name: 'share_of_voice', kind: 'number', unit: 'percentunit' },
  ],
  variables: ['brand', 'competitor', 'source'],
};

export const benchmarkNetSentiment: PanelDefinition = {
  id: 'benchmark.net-sentiment',
  title: 'Net sentiment per brand',
  description: `${KPI.netPolar}\n\n${KPI.netTotal}`,
  visual: 'bar',
  format: 'table',
  sql: `SELECT brand, ${NET_SENTIMENT_COLUMNS}
FROM ${MH}
WHERE ${FILTERS}
GROUP BY brand
ORDER BY brand`,
  columns: [
    BRAND,
    { name: 'net_sentiment_polar', kind: 'number', unit: 'percentunit' },
    { name: 'net_sentiment_total', kind: 'number', unit: 'percentunit' },
  ],
  variables: ['brand', 'competitor', 'source'],
};

export const benchmarkAspectHeatmap: PanelDefinition = {
  id: 'benchmark.aspect-negative-share',
  title: 'Negative share per brand and aspect',
  description:
    '**Negative share of an aspect**: occurrences of the aspect with negative aspect sentiment / all its occurrences, per brand. Not filtered by source.',
  visual: 'heatmap',
  format: 'table',
  sql: `SELECT aspect, brand, sum(negative) / nullIf(sum(mentions), 0) AS negative_share
FROM ${TABLES.aspect_hourly}
WHERE ${HOURS_IN_RANGE}
  AND ${BENCHMARK_BRANDS}
  AND ${ASPECT_FILTER}
GROUP BY aspect, brand
HAVING sum(mentions) > 0
ORDER BY aspect, brand`,
  columns: [
    { name: 'aspect', kind: 'string' },
    BRAND,
    { name: 'negative_share', kind: 'number', unit: 'percentunit' },
  ],
  variables: ['brand', 'competitor', 'aspect'],
};

export const benchmarkRatings: PanelDefinition = {
  id: 'benchmark.ratings',
  title: 'Ratings per brand',
  description: `${KPI.avgStars}\n\n${KPI.nps}\n\n${KPI.csat}`,
  visual: 'bar',
  format: 'table',
  sql: `SELECT brand, ${REVIEW_SCORE_COLUMNS}
FROM ${MH}
WHERE ${FILTERS}
GROUP BY brand
HAVING reviews > 0
ORDER BY brand`,
  columns: [
    BRAND,
    { name: 'reviews', kind: 'number', unit: 'short' },
    { name: 'avg_stars', kind: 'number', unit: 'none' },
    { name: 'nps', kind: 'number', unit: 'none' },
    { name: 'csat', kind: 'number', unit: 'percent' },
  ],
  variables: ['brand', 'competitor', 'source'],
};

export const benchmarkRanking: PanelDefinition = {
  id: 'benchmark.ranking',
  title: 'Ranking',
  description: `Brands ranked by mentions in the range. ${KPI.shareOfVoice} ${KPI.netPolar} ${KPI.netTotal} ${KPI.nps} ${KPI.csat}`,
  visual: 'table',
  format: 'table',
  sql: `SELECT brand, sum(volume) AS mentions,
  mentions / nullIf(sum(mentions) OVER (), 0) AS share_of_voice,
  ${NET_SENTIMENT_COLUMNS},
  ${REVIEW_SCORE_COLUMNS},
  uniqMerge(unique_authors) AS authors
FROM ${MH}
WHERE ${FILTERS}
GROUP BY brand
ORDER BY mentions DESC, brand`,
  columns: [
    BRAND,
    { name: 'mentions', kind: 'number', unit: 'short' },
    { name: 'share_of_voice', kind: 'number', unit: 'percentunit' },
    { name: 'net_sentiment_polar', kind: 'number', unit: 'percentunit' },
    { name: 'net_sentiment_total', kind: 'number', unit: 'percentunit' },
    { name: 'reviews', kind: 'number', unit: 'short' },
    { name: 'avg_stars', kind: 'number', unit: 'none' },
    { name: 'nps', kind: 'number', unit: 'none' },
    { name: 'csat', kind: 'number', unit: 'percent' },
    { name: 'authors', kind: 'number', unit: 'short' },
  ],
  variables: ['brand', 'competitor', 'source'],
};

export const BENCHMARK_PANELS: readonly PanelDefinition[] = [
  benchmarkShareOfVoice,
  benchmarkVolume,
  benchmarkNetSentiment,
  benchmarkAspectHeatmap,
  benchmarkRatings,
  benchmarkRanking,
];
