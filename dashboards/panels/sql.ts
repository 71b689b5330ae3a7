/**
 * SQL fragments the panel definitions share, written for the ClickHouse plugin (macros) and Grafana's
 * variables; see expand.ts for what each becomes.
 */
import { TABLES } from '../../storage/schema.js';

/** `column IN (selected values)`, or nothing (`1=1`) when `variable` is All. */
export const inVariable = (column: string, variable: string): string =>
  `$__conditionalAll(${column} IN (\${${variable}:singlequote}), $${variable})`;

/** Brands picked in the brand drop-down. */
export const BRAND_FILTER = inVariable('brand', 'brand');
/** Sources picked in the source drop-down. */
export const SOURCE_FILTER = inVariable('source', 'source');
/** Aspects picked in the aspect drop-down. */
export const ASPECT_FILTER = inVariable('aspect', 'aspect');
/** The picked brands and their picked competitors (the benchmark's set). */
export const BENCHMARK_BRANDS = `(${BRAND_FILTER} OR ${inVariable('brand', 'competitor')})`;

/**
 * Hours of an hourly aggregate that overlap the dashboard range: the hour holding the range's start counts
 * whole (aggregates have hourly resolution).
 */
export const HOURS_IN_RANGE = 'hour >= toStartOfHour($__fromTime) AND hour <= $__toTime';

/** Bucket of an hourly aggregate row at Grafana's interval. */
export const HOUR_BUCKET = '$__timeInterval(hour)';

/** Smallest bucket for panels over hourly aggregates. */
export const HOURLY = 3600;

/** One row per story (near-identical texts across sources); a mention without a story stands alone. */
export const ONE_PER_STORY = "LIMIT 1 BY if(story_id = '', native_id, story_id)";

/** Net sentiment, both definitions, from positive / negative / scored sums. */
export const NET_SENTIMENT_COLUMNS =
  '(sum(positive) - sum(negative)) / nullIf(sum(positive) + sum(negative), 0) AS net_sentiment_polar,\n' +
  '  (sum(positive) - sum(negative)) / nullIf(sum(scored), 0) AS net_sentiment_total';

/** The KPI definitions repeated in panel descriptions (and docs/dashboards.md). */
export const KPI = {
  netPolar:
    '**Net sentiment (P−N)/(P+N)**: (positive − negative) / (positive + negative); neutral and unscored mentions left out. −100 % … +100 %.',
  netTotal:
    '**Net sentiment (P−N)/total**: (positive − negative) / all scored mentions (positive + neutral + negative; unscored left out). Closer to 0 than (P−N)/(P+N) when many mentions are neutral.',
  shareOfVoice:
    "**Share of voice**: a brand's mentions / the mentions of all brands shown (the picked brands and competitors), per bucket.",
  nps: '**NPS-style score**: 100 × (promoters − detractors) / rated reviews; promoters rate ≥ 90 % of the scale (5 of 5, 9–10 of 10), detractors ≤ 60 % (1–3 of 5, 0–6 of 10). −100 … +100.',
  csat: '**CSAT-style score**: 100 × reviews rated above 60 % of the scale (4–5 of 5) / rated reviews.',
  avgStars: '**Average stars**: mean of rating / scale × 5 over rated reviews (any scale shown on 5).',
  negativeShare: '**Complaint (negative) share**: negative mentions / scored mentions.',
} as const;

/** Review scores from the rating sums: reviews, average stars on 5, NPS-style and CSAT-style scores. */
export const REVIEW_SCORE_COLUMNS =
  'sum(rated) AS reviews,\n' +
  '  5 * sum(rating_norm_sum) / nullIf(sum(rated), 0) AS avg_stars,\n' +
  '  100 * (sum(promoters) - sum(detractors)) / nullIf(sum(rated), 0) AS nps,\n' +
  '  100 * (sum(rated) - sum(detractors)) / nullIf(sum(rated), 0) AS csat';

/** `mentions` columns of every "mention" table: excerpt is the title (if any) and text, cut to 280 characters. */
export const MENTION_EXCERPT =
  "substringUTF8(if(title IS NULL OR title = '', text, concat(title, ' — ', text)), 1, 280) AS excerpt";

/** Rows of `mentions` the exact-latest check keeps at most; see `latestVersionsOf`. */
export const CANDIDATES = 1000;

/**
 * Top-N tables over raw `mentions` without `FINAL` (which merges every row of the range and is too slow over
 * long ranges): `candidates` picks the best rows of any stored version cheaply (a top-K over the filter
 * columns; the text is read for those rows only), then only candidates that are their mention's latest
 * version are kept (a primary-key lookup of the candidates' keys). A mention rescored out of the filter
 * (negative → positive) thus never shows; the answer equals the FINAL query's unless more than
 * `CANDIDATES` stale versions outrank the N rows shown. `candidates` must select brand, source_id,
 * native_id and version.
 */
export function latestVersionsOf(candidates: string, select: string, tail: string): string {
  return `WITH candidates AS (
${candidates}
)
SELECT ${select}
FROM candidates
WHERE (brand, source_id, native_id, version) IN (
  SELECT brand, source_id, native_id, max(version)
  FROM ${TABLES.mentions}
  WHERE (brand, source_id, native_id) IN (SELECT brand, source_id, native_id FROM candidates)
  GROUP BY brand, source_id, native_id
)
${tail}`;
}
