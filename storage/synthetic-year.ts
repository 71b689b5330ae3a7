/**
 * A year of realistic-looking synthetic data for the dashboard benchmark (bench/dashboards.ts): millions of
 * mentions over several sources (reviews with ratings, labels from the sentiment, 0–2 aspects, 200k
 * authors, stories of about 3 rows) and ingest runs, generated inside ClickHouse with
 * `INSERT … SELECT … FROM numbers()`. Rows go through the normal `mentions` table, so the aggregate views
 * fill exactly as for ingested data (every row is new: `prev_exists = 0`). Deterministic. Never for real data.
 * (storage/synthetic.ts is the simpler generator of the alert benchmarks.)
 */
import type { Store } from './client.js';
import { internals } from './internals.js';

/** What to generate. */
export interface SyntheticYearOptions {
  /** Number of mention rows. */
  count: number;
  /** Brand keys; rows are spread evenly over them. */
  brands: readonly string[];
  /** Published times are spread uniformly over [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  /** Rows per INSERT (memory bound for the views). @default 1_000_000 */
  batchSize?: number;
  /** Called after each batch with the rows written so far. */
  onProgress?: (written: number) => void;
}

const SOURCES = ['reddit', 'hackernews', 'appstore', 'mastodon', 'youtube', 'rss'];
const ASPECTS = [
  'support',
  'staff',
  'wait_time',
  'price',
  'quality',
  'delivery',
  'website_app',
  'reliability',
];

/** The columns the generator fills (newer optional columns keep their defaults). */
const MENTION_COLUMNS =
  'source, source_id, native_id, brand, kind, url, author, author_followers, title, text, lang, published_at, ' +
  'fetched_at, likes, shares, replies, engagement_score, rating, rating_scale, sentiment, label, confidence, ' +
  'aspects, scorer_version, story_id, version, ingested_at, state_hash, prev_exists, prev_published_at, ' +
  'prev_label, prev_sentiment, prev_engagement, prev_rating, prev_rating_scale, prev_aspects';

const RUN_COLUMNS =
  'run_id, workflow_id, source_id, source, brands, started_at, finished_at, duration_ms, pages, fetched, new, ' +
  'updated, unchanged, skipped_invalid, errors, status, error_type, error_message, recorded_at';

const literalList = (values: readonly string[]): string =>
  `[${values.map((v) => `'${v.replace(/[\\']/g, '\\$&')}'`).join(', ')}]`;

/** Generates `count` mentions (appstore rows are reviews rated 1–5; 3 % unscored). */
export async function generateSyntheticYear(store: Store, options: SyntheticYearOptions): Promise<void> {
  const { client, table } = internals(store);
  const batch = options.batchSize ?? 1_000_000;
  const spanMs = Math.max(1, Math.floor(options.toMs - options.fromMs));
  for (let offset = 0; offset < options.count; offset += batch) {
    const rows = Math.min(batch, options.count - offset);
    await client.command({
      query: `
INSERT INTO ${table('mentions')} (${MENTION_COLUMNS})
SELECT source, concat(source, '-main') AS source_id, toString(number) AS native_id,
  brands[(number % length(brands)) + 1] AS brand,
  if(source = 'appstore', 'review', 'post') AS kind,
  concat('https://example.com/m/', toString(number)) AS url,
  concat('user', toString(h2 % 200000)) AS author, NULL AS author_followers,
  if(source = 'appstore', 'Review title', NULL) AS title,
  concat('Synthetic mention ', toString(number), ' about ', brand) AS text, 'en' AS lang,
  published_at, published_at AS fetched_at,
  toUInt32(h1 % 50) AS likes, toUInt32(h2 % 5) AS shares, toUInt32(h3 % 10) AS replies, 0 AS engagement_score,
  if(source = 'appstore', toFloat32(1 + h3 % 5), NULL) AS rating,
  if(source = 'appstore', toFloat32(5), NULL) AS rating_scale,
  if(unscored, toFloat32(0), s) AS sentiment,
  multiIf(unscored, 'unscored', s > 0.2, 'positive', s < -0.2, 'negative', 'neutral') AS label,
  toFloat32(0.8) AS confidence,
  arrayMap(i -> tuple(aspect_names[((h1 + i * 7) % length(aspect_names)) + 1], s), range(toUInt8(h2 % 3))) AS aspects,
  'v1' AS scorer_version, concat('s', toString(intDiv(number, 3))) AS story_id,
  toUInt64(1) AS version, now64(3) AS ingested_at, '' AS state_hash,
  0 AS prev_exists, toDateTime64(0, 3, 'UTC') AS prev_published_at, '' AS prev_label, toFloat32(0) AS prev_sentiment,
  toUInt64(0) AS prev_engagement, NULL AS prev_rating, NULL AS prev_rating_scale, [] AS prev_aspects
FROM (
  SELECT number,
    cityHash64(number, 1) AS h1, cityHash64(number, 2) AS h2, cityHash64(number, 3) AS h3,
    ${literalList(options.brands)} AS brands, ${literalList(ASPECTS)} AS aspect_names,
    ${literalList(SOURCES)}[(h1 % ${SOURCES.length}) + 1] AS source,
    fromUnixTimestamp64Milli(toInt64(${Math.floor(options.fromMs)} + h2 % ${spanMs}), 'UTC') AS published_at,
    toFloat32((h3 % 2001) / 1000 - 1) AS s,
    h1 % 100 < 3 AS unscored
  FROM numbers(${offset}, ${rows})
)`,
    });
    options.onProgress?.(offset + rows);
  }
}

/** Ingest runs: each of `sourceIds` polled every `everyMs` over [fromMs, toMs); 2 % failed, 1 % rate-limited. */
export async function generateSyntheticYearRuns(
  store: Store,
  options: { sourceIds: readonly string[]; fromMs: number; toMs: number; everyMs: number },
): Promise<void> {
  const { client, table } = internals(store);
  const polls = Math.floor((options.toMs - options.fromMs) / options.everyMs);
  const n = options.sourceIds.length;
  await client.command({
    query: `
INSERT INTO ${table('ingest_runs')} (${RUN_COLUMNS})
SELECT concat('run-', toString(number)) AS run_id, concat('ingest:', source_id) AS workflow_id, source_id,
  splitByChar('-', source_id)[1] AS source, ['brand0'] AS brands,
  started_at, started_at + toIntervalMillisecond(duration) AS finished_at, duration AS duration_ms,
  1 AS pages, toUInt32(h % 100) AS fetched, toUInt32(h % 40) AS new, toUInt32(h % 7) AS updated,
  toUInt32(h % 50) AS unchanged, 0 AS skipped_invalid, toUInt32(status != 'ok') AS errors, status,
  multiIf(status = 'failed', 'TransientSourceError', status = 'rate_limited', 'RateLimitedError', '') AS error_type,
  multiIf(status = 'failed', 'HTTP 503 from the source', status = 'rate_limited', 'rate limit reached', '') AS error_message,
  now64(3) AS recorded_at
FROM (
  SELECT number, cityHash64(number) AS h, ${literalList(options.sourceIds)}[(number % ${n}) + 1] AS source_id,
    fromUnixTimestamp64Milli(toInt64(${Math.floor(options.fromMs)} + intDiv(number, ${n}) * ${Math.floor(options.everyMs)}), 'UTC') AS started_at,
    toUInt32(200 + h % 3000) AS duration,
    multiIf(h % 100 < 2, 'failed', h % 100 < 3, 'rate_limited', 'ok') AS status
  FROM numbers(${polls * n})
)`,
  });
}
