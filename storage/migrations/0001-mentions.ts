/**
 * Migration 1: the mentions table and its aggregate feed (hourly per source, hourly per aspect).
 * `{db}` is replaced by the database identifier. Never edit a released migration: add a new one.
 */
import type { Migration } from './types.js';

const mentions = `
CREATE TABLE IF NOT EXISTS {db}.mentions (
  source LowCardinality(String) COMMENT 'Connector type that fetched the record (reddit, hn, rss, …)',
  source_id LowCardinality(String) COMMENT 'Id of the configured source instance (a config may hold several of one type)',
  native_id String COMMENT 'The record''s id on its source; unique per source_id',
  brand LowCardinality(String) COMMENT 'Brand (or competitor) this row is attributed to; a record matching two brands has two rows',
  kind LowCardinality(String) COMMENT 'What the record is on its source: post, comment, review or article',
  url String COMMENT 'Link to the record on its source',
  author String COMMENT 'Author handle or display name as the source gives it (untrusted text)',
  author_followers Nullable(UInt32) COMMENT 'Author follower count at fetch time; NULL when the source does not say',
  title Nullable(String) COMMENT 'Title (articles, reviews, link posts); NULL when the record has none',
  text String COMMENT 'Plain text, verbatim (HTML stripped, entities decoded); untrusted',
  lang LowCardinality(String) COMMENT 'Language detected by the scorer (ISO 639-1) or und',
  published_at DateTime64(3, 'UTC') COMMENT 'When the record was published on its source (UTC, ms)',
  fetched_at DateTime64(3, 'UTC') COMMENT 'When the version of the record in this row was fetched (UTC, ms)',
  likes UInt32 COMMENT 'Likes / upvotes / favourites at fetch time (0 when absent)',
  shares UInt32 COMMENT 'Shares / reposts / retweets at fetch time (0 when absent)',
  replies UInt32 COMMENT 'Replies / comments at fetch time (0 when absent)',
  engagement_score Int32 COMMENT 'Net score where the source has one (Reddit score, HN points), else 0',
  rating Nullable(Float32) COMMENT 'Review rating value (reviews only), on the scale in rating_scale',
  rating_scale Nullable(Float32) COMMENT 'Maximum of the rating scale, e.g. 5 for 1–5 stars; NULL when unrated',
  sentiment Float32 COMMENT 'Sentiment score in [-1, 1]; 0 when unscored',
  label LowCardinality(String) COMMENT 'Sentiment label: negative, neutral, positive, or unscored (engine declined)',
  confidence Float32 COMMENT 'Calibrated probability of label, in [0, 1]',
  aspects Array(Tuple(aspect String, sentiment Float32)) COMMENT 'Customer-service aspects found in the text with their sentiment; ARRAY JOIN aspects AS a, then a.aspect, a.sentiment',
  scorer_version LowCardinality(String) COMMENT 'Version of the sentiment engine / model that produced sentiment, label and aspects',
  story_id String COMMENT 'Groups near-identical texts across sources (syndication, copy-paste)',
  version UInt64 COMMENT 'Row version (ms clock, strictly increasing per key); FINAL keeps the highest',
  ingested_at DateTime64(3, 'UTC') COMMENT 'When this row version was written',
  state_hash String COMMENT 'Bookkeeping: sha256 of the stored fields except fetched_at; an identical re-ingest is skipped, not rewritten',
  prev_exists UInt8 COMMENT 'Bookkeeping for the aggregate views: 1 when this row replaces an earlier version of the mention',
  prev_published_at DateTime64(3, 'UTC') COMMENT 'Bookkeeping: published_at of the replaced version (epoch when prev_exists = 0)',
  prev_label LowCardinality(String) COMMENT 'Bookkeeping: label of the replaced version',
  prev_sentiment Float32 COMMENT 'Bookkeeping: sentiment of the replaced version',
  prev_engagement UInt64 COMMENT 'Bookkeeping: likes + shares + replies of the replaced version',
  prev_rating Nullable(Float32) COMMENT 'Bookkeeping: rating of the replaced version',
  prev_rating_scale Nullable(Float32) COMMENT 'Bookkeeping: rating_scale of the replaced version',
  prev_aspects Array(Tuple(aspect String, sentiment Float32)) COMMENT 'Bookkeeping: aspects of the replaced version'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(published_at)
ORDER BY (brand, source_id, native_id)
COMMENT 'One row per (brand, source_id, native_id) and version. Several versions of a mention may coexist until a background merge: query with FINAL (or use the *_hourly aggregates) to see each mention once.'`;

const mentionHourly = `
CREATE TABLE IF NOT EXISTS {db}.mention_hourly (
  brand LowCardinality(String) COMMENT 'Brand the mentions are attributed to',
  hour DateTime('UTC') COMMENT 'Start of the UTC hour of published_at',
  source LowCardinality(String) COMMENT 'Connector type',
  source_id LowCardinality(String) COMMENT 'Configured source instance',
  volume SimpleAggregateFunction(sum, Int64) COMMENT 'Mentions published in the hour; read with sum()',
  positive SimpleAggregateFunction(sum, Int64) COMMENT 'Mentions labelled positive; read with sum()',
  neutral SimpleAggregateFunction(sum, Int64) COMMENT 'Mentions labelled neutral; read with sum()',
  negative SimpleAggregateFunction(sum, Int64) COMMENT 'Mentions labelled negative; read with sum()',
  unscored SimpleAggregateFunction(sum, Int64) COMMENT 'Mentions the scorer declined (unscored); read with sum()',
  scored SimpleAggregateFunction(sum, Int64) COMMENT 'Mentions with a label other than unscored; the denominator of average sentiment',
  sentiment_sum SimpleAggregateFunction(sum, Float64) COMMENT 'Sum of sentiment over scored mentions; avg = sum(sentiment_sum) / sum(scored)',
  engagement_sum SimpleAggregateFunction(sum, Int64) COMMENT 'Sum of likes + shares + replies (latest known counts)',
  rated SimpleAggregateFunction(sum, Int64) COMMENT 'Mentions carrying a review rating',
  rating_norm_sum SimpleAggregateFunction(sum, Float64) COMMENT 'Sum of rating / rating_scale over rated mentions (0–1); avg stars on 5 = 5 * sum(rating_norm_sum) / sum(rated)',
  promoters SimpleAggregateFunction(sum, Int64) COMMENT 'Rated mentions with rating / rating_scale >= 0.9 (5 of 5, 9–10 of 10): NPS-style promoters',
  detractors SimpleAggregateFunction(sum, Int64) COMMENT 'Rated mentions with rating / rating_scale <= 0.6 (1–3 of 5, 0–6 of 10): NPS-style detractors',
  unique_authors AggregateFunction(uniq, String) COMMENT 'Distinct authors; read with uniqMerge(unique_authors)'
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (brand, hour, source, source_id)
COMMENT 'Hourly counters per brand and source, fed by mention_hourly_mv with +1 for each new mention state and -1 for the state it replaces, so re-ingesting or rescoring never double-counts. Always aggregate with sum() / uniqMerge(): rows are partial until merged.'`;

const mentionHourlyMv = `
CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.mention_hourly_mv TO {db}.mention_hourly AS
SELECT
  brand,
  toStartOfHour(if(sign > 0, published_at, prev_published_at)) AS hour,
  source,
  source_id,
  sum(sign) AS volume,
  sumIf(sign, if(sign > 0, label, prev_label) = 'positive') AS positive,
  sumIf(sign, if(sign > 0, label, prev_label) = 'neutral') AS neutral,
  sumIf(sign, if(sign > 0, label, prev_label) = 'negative') AS negative,
  sumIf(sign, if(sign > 0, label, prev_label) = 'unscored') AS unscored,
  sumIf(sign, if(sign > 0, label, prev_label) != 'unscored') AS scored,
  sumIf(sign * toFloat64(if(sign > 0, sentiment, prev_sentiment)), if(sign > 0, label, prev_label) != 'unscored') AS sentiment_sum,
  sum(sign * toInt64(if(sign > 0, toUInt64(likes) + shares + replies, prev_engagement))) AS engagement_sum,
  sumIf(sign, isNotNull(if(sign > 0, rating, prev_rating))) AS rated,
  sum(sign * toFloat64(ifNull(if(sign > 0, rating / rating_scale, prev_rating / prev_rating_scale), 0))) AS rating_norm_sum,
  sumIf(sign, ifNull(if(sign > 0, rating / rating_scale, prev_rating / prev_rating_scale), 0) >= 0.9) AS promoters,
  sumIf(sign, isNotNull(if(sign > 0, rating, prev_rating)) AND ifNull(if(sign > 0, rating / rating_scale, prev_rating / prev_rating_scale), 1) <= 0.6) AS detractors,
  uniqStateIf(author, sign > 0) AS unique_authors
FROM {db}.mentions
ARRAY JOIN [toInt64(1), toInt64(-1)] AS sign
WHERE sign > 0 OR prev_exists = 1
GROUP BY brand, hour, source, source_id
COMMENT 'Feeds mention_hourly from every insert into mentions: +1 for the new state, -1 for the replaced one (prev_*). Columns as in mention_hourly.'`;

const aspectHourly = `
CREATE TABLE IF NOT EXISTS {db}.aspect_hourly (
  brand LowCardinality(String) COMMENT 'Brand the mentions are attributed to',
  hour DateTime('UTC') COMMENT 'Start of the UTC hour of published_at',
  aspect LowCardinality(String) COMMENT 'Customer-service aspect found by the scorer (price, support, delivery, …)',
  mentions SimpleAggregateFunction(sum, Int64) COMMENT 'Mentions in which the aspect occurs; read with sum()',
  negative SimpleAggregateFunction(sum, Int64) COMMENT 'Occurrences with aspect sentiment < 0',
  positive SimpleAggregateFunction(sum, Int64) COMMENT 'Occurrences with aspect sentiment > 0',
  sentiment_sum SimpleAggregateFunction(sum, Float64) COMMENT 'Sum of aspect sentiment; avg = sum(sentiment_sum) / sum(mentions)'
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (brand, hour, aspect)
COMMENT 'Hourly aspect counters per brand, fed by aspect_hourly_mv with +1 / -1 deltas like mention_hourly. Aggregate with sum().'`;

const aspectHourlyMv = `
CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.aspect_hourly_mv TO {db}.aspect_hourly AS
SELECT
  brand,
  toStartOfHour(if(sign > 0, published_at, prev_published_at)) AS hour,
  a.aspect AS aspect,
  sum(sign) AS mentions,
  sumIf(sign, a.sentiment < 0) AS negative,
  sumIf(sign, a.sentiment > 0) AS positive,
  sum(sign * toFloat64(a.sentiment)) AS sentiment_sum
FROM {db}.mentions
ARRAY JOIN [toInt64(1), toInt64(-1)] AS sign
ARRAY JOIN if(sign > 0, aspects, prev_aspects) AS a
WHERE sign > 0 OR prev_exists = 1
GROUP BY brand, hour, aspect
COMMENT 'Feeds aspect_hourly from every insert into mentions: +1 per aspect of the new state, -1 per aspect of the replaced one. Columns as in aspect_hourly.'`;

/** Creates mentions, mention_hourly(+_mv), aspect_hourly(+_mv). */
export const mentionsMigration: Migration = {
  version: 1,
  name: 'mentions and hourly aggregates',
  statements: [mentions, mentionHourly, mentionHourlyMv, aspectHourly, aspectHourlyMv],
};
