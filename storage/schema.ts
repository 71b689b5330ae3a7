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
/** Source types whose connectors record reply threads (in_reply_to, from_brand): the response-time reads. */
export const THREADED_SOURCES: readonly string[] = ['x', 'bluesky', 'mastodon', 'reddit'];

export const TABLES = names(
  'mentions',
  'mention_hourly',
  'aspect_hourly',
  'ingest_runs',
  'connector_cursors',
  'schema_migrations',
  'survey_responses',
  'tickets',
  'mention_5m',
  'aspect_5m',
  'alerts',
  'alert_deliveries',
  'alert_watch_state',
  'corrections',
);

/** A table of `TABLES`. */
export type TableName = keyof typeof TABLES;

/** Internal materialized views that feed the two aggregate tables; never read them. */
export const VIEWS = names('mention_hourly_mv', 'aspect_hourly_mv', 'mention_5m_mv', 'aspect_5m_mv');

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
  'in_reply_to',
  'thread_id',
  'reply_key',
  'from_brand',
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

/** `corrections` (user corrections of mention sentiment, one row per correction; latest per mention in force). */
export const CORRECTIONS_COLUMNS = names(
  'corrected_at',
  'corrected_by',
  'via',
  'source',
  'source_id',
  'native_id',
  'brand',
  'text',
  'old_label',
  'new_label',
  'old_aspects',
  'new_aspects',
  'old_scorer_version',
);

/** `schema_migrations` (applied migrations; read with `FINAL`). */
export const SCHEMA_MIGRATIONS_COLUMNS = names('version', 'name', 'checksum', 'applied_at');

/** `mention_5m` (per brand × 5-minute bucket × source × source_id; alert detectors): read with `sum()`. */
export const MENTION_5M_COLUMNS = names(
  'brand',
  'bucket',
  'source',
  'source_id',
  'volume',
  'positive',
  'negative',
  'scored',
);

/** `aspect_5m` (per brand × 5-minute bucket × aspect; alert detectors): read with `sum()`. */
export const ASPECT_5M_COLUMNS = names('brand', 'bucket', 'aspect', 'mentions', 'negative');

/** `alerts` (one row per incident; read with `FINAL`). */
export const ALERTS_COLUMNS = names(
  'id',
  'brand',
  'kind',
  'scope_type',
  'scope',
  'window_start',
  'window_end',
  'state',
  'opened_at',
  'resolved_at',
  'observed',
  'expected',
  'spread',
  'severity',
  'strength',
  'summary',
  'evidence',
  'rule',
  'history',
  'version',
  'recorded_at',
);

/** `alert_deliveries` (per alert × transition × channel; read with `FINAL`). */
export const ALERT_DELIVERIES_COLUMNS = names(
  'alert_id',
  'transition',
  'channel',
  'channel_type',
  'status',
  'attempts',
  'not_before',
  'idempotency_key',
  'last_error',
  'fix',
  'sent_at',
  'version',
  'updated_at',
);

/** `alert_watch_state` (detector state per brand; read with `FINAL`). */
export const ALERT_WATCH_STATE_COLUMNS = names('brand', 'state', 'settled_until', 'version', 'updated_at');

/** `survey_responses` (one row per response; read with `FINAL`): NPS / CSAT scores beside their comment mention. */
export const SURVEY_RESPONSES_COLUMNS = names(
  'source_id',
  'response_id',
  'source',
  'brand',
  'survey',
  'score',
  'scale',
  'channel',
  'respondent',
  'submitted_at',
  'updated_at',
  'has_comment',
  'version',
  'ingested_at',
);

/** `tickets` (one row per support ticket; read with `FINAL`): service fields beside the ticket's mention. */
export const TICKETS_COLUMNS = names(
  'source_id',
  'ticket_id',
  'source',
  'brand',
  'channel',
  'created_at',
  'first_response_ms',
  'resolved',
  'resolved_at',
  'reopened',
  'updated_at',
  'version',
  'ingested_at',
);

/** Every table with its columns, in the tables' column order. */
export const TABLE_COLUMNS: { readonly [T in TableName]: readonly string[] } = {
  mentions: Object.keys(MENTIONS_COLUMNS),
  mention_hourly: Object.keys(MENTION_HOURLY_COLUMNS),
  aspect_hourly: Object.keys(ASPECT_HOURLY_COLUMNS),
  ingest_runs: Object.keys(INGEST_RUNS_COLUMNS),
  connector_cursors: Object.keys(CONNECTOR_CURSORS_COLUMNS),
  schema_migrations: Object.keys(SCHEMA_MIGRATIONS_COLUMNS),
  survey_responses: Object.keys(SURVEY_RESPONSES_COLUMNS),
  tickets: Object.keys(TICKETS_COLUMNS),
  mention_5m: Object.keys(MENTION_5M_COLUMNS),
  aspect_5m: Object.keys(ASPECT_5M_COLUMNS),
  alerts: Object.keys(ALERTS_COLUMNS),
  alert_deliveries: Object.keys(ALERT_DELIVERIES_COLUMNS),
  alert_watch_state: Object.keys(ALERT_WATCH_STATE_COLUMNS),
  corrections: Object.keys(CORRECTIONS_COLUMNS),
};

/** Example queries the CLI shows in its help and start-up hint, kept here with the names they use. */
export const EXAMPLE_QUERIES = {
  countMentions: `SELECT count() FROM ${TABLES.mentions}`,
  volumeByBrand: `SELECT brand, sum(${MENTION_HOURLY_COLUMNS.volume}) FROM ${TABLES.mention_hourly} GROUP BY brand`,
} as const;
