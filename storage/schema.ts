/**
 * The names of Earshot's ClickHouse tables and columns, in one module, for everything that writes SQL against
 * them: storage's own reads, dashboards, reports, alert rules. A test compares these lists with the migrated
 * schema (`system.columns`), so renaming a column breaks that test (and the compile of every user of the old
 * name), not a dashboard at run time. What the columns mean and how to aggregate them: docs/schema.md.
 *
 * Keys equal the names, so a reference reads like the SQL it produces: `${MENTION_HOURLY_COLUMNS.volume}`.
 */

/** `{ a: 'a', b: 'b' }` from `'a', 'b'`: a name map whose keys are checked at compile time. */
function names<const T extends string>(...list: readonly T[]): { readonly [K in T]: K } {
  return Object.freeze(Object.fromEntries(list.map((n) => [n, n]))) as { readonly [K in T]: K };
}

/** The tables analysts, dashboards and the pipeline read (unqualified; the database is the store's). */
export const TABLES = names(
  'mentions',
  'mention_hourly',
  'aspect_hourly',
  'ingest_runs',
  'connector_cursors',
  'schema_migrations',
);

/** A table of `TABLES`. */
export type TableName = keyof typeof TABLES;

/** Internal materialized views that feed the two aggregate tables; never read them. */
export const VIEWS = names('mention_hourly_mv', 'aspect_hourly_mv');

/**
 * `mentions` (ReplacingMergeTree: read with `FINAL` or argMax over `version`). The last eleven columns are the
 * writer's bookkeeping (`state_hash`, `prev_*`), not data.
 */
export const MENTIONS_COLUMNS = names(
  'source',
  'source_id',
  'native_id',
  'brand',
  'kind',
  'url',
  'author',
  'author_followers',
  'title',
  'text',
  'lang',
  'published_at',
  'fetched_at',
  'likes',
  'shares',
  'replies',
  'engagement_score',
  'rating',
  'rating_scale',
  'sentiment',
  'label',
  'confidence',
  'aspects',
  'scorer_version',
  'story_id',
  'version',
  'ingested_at',
  'state_hash',
  'prev_exists',
  'prev_published_at',
  'prev_label',
  'prev_sentiment',
  'prev_engagement',
  'prev_rating',
  'prev_rating_scale',
  'prev_aspects',
);

/** A column of `mentions`. */
export type MentionsColumn = keyof typeof MENTIONS_COLUMNS;

/**
 * `mention_hourly` (per brand × hour × source × source_id): every measure is read with `sum()`, except
 * `unique_authors` (`uniqMerge()`); rows are partial +1/−1 deltas until merged.
 */
export const MENTION_HOURLY_COLUMNS = names(
  'brand',
  'hour',
  'source',
  'source_id',
  'volume',
  'positive',
  'neutral',
  'negative',
  'unscored',
  'scored',
  'sentiment_sum',
  'engagement_sum',
  'rated',
  'rating_norm_sum',
  'promoters',
  'detractors',
  'unique_authors',
);

/** `aspect_hourly` (per brand × hour × aspect): every measure is read with `sum()`. */
export const ASPECT_HOURLY_COLUMNS = names(
  'brand',
  'hour',
  'aspect',
  'mentions',
  'negative',
  'positive',
  'sentiment_sum',
);

/** `ingest_runs` (one row per poll; read with `FINAL`). */
export const INGEST_RUNS_COLUMNS = names(
  'run_id',
  'workflow_id',
  'source_id',
  'source',
  'brands',
  'started_at',
  'finished_at',
  'duration_ms',
  'pages',
  'fetched',
  'new',
  'updated',
  'unchanged',
  'skipped_invalid',
  'errors',
  'status',
  'error_type',
  'error_message',
  'recorded_at',
);

/** `connector_cursors` (latest cursor per source; read with `FINAL`). */
export const CONNECTOR_CURSORS_COLUMNS = names('source_id', 'cursor', 'updated_at', 'version');

/** `schema_migrations` (applied migrations; read with `FINAL`). */
export const SCHEMA_MIGRATIONS_COLUMNS = names('version', 'name', 'checksum', 'applied_at');

/** Every table with its columns, in the tables' column order. */
export const TABLE_COLUMNS: { readonly [T in TableName]: readonly string[] } = {
  mentions: Object.keys(MENTIONS_COLUMNS),
  mention_hourly: Object.keys(MENTION_HOURLY_COLUMNS),
  aspect_hourly: Object.keys(ASPECT_HOURLY_COLUMNS),
  ingest_runs: Object.keys(INGEST_RUNS_COLUMNS),
  connector_cursors: Object.keys(CONNECTOR_CURSORS_COLUMNS),
  schema_migrations: Object.keys(SCHEMA_MIGRATIONS_COLUMNS),
};

/** Example queries the CLI shows in its help and start-up hint, kept here with the names they use. */
export const EXAMPLE_QUERIES = {
  countMentions: `SELECT count() FROM ${TABLES.mentions}`,
  volumeByBrand: `SELECT brand, sum(${MENTION_HOURLY_COLUMNS.volume}) FROM ${TABLES.mention_hourly} GROUP BY brand`,
} as const;
