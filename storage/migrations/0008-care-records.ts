/**
 * Migration 8: customer-care records beside their mentions: survey responses (NPS / CSAT scores with
 * their channel and respondent) and support tickets (first response time, resolution, reopens), keyed by
 * source instance and the record's own id, newest version kept. Never edit a released migration.
 */
import type { Migration } from './types.js';

const surveyResponses = `
CREATE TABLE IF NOT EXISTS {db}.survey_responses (
  source_id LowCardinality(String) COMMENT 'Configured source instance (survey-file or survey-webhook) the response came through',
  response_id String COMMENT 'The response''s id in the survey tool; unique per source_id; the comment is the mention with native_id = response_id',
  source LowCardinality(String) COMMENT 'Connector type: survey-file or survey-webhook',
  brand LowCardinality(String) COMMENT 'Brand the response is about',
  survey LowCardinality(String) COMMENT 'nps (score 0–10) or csat (score 1–5)',
  score UInt8 COMMENT 'The score given: 0–10 for nps, 1–5 for csat',
  scale UInt8 COMMENT 'Top of the scale: 10 for nps, 5 for csat (rating_scale of the mention)',
  channel LowCardinality(String) COMMENT 'Channel the survey was answered on (email, in-app, …); empty when unknown',
  respondent String COMMENT 'Respondent id as the survey tool gives it; empty when anonymous (untrusted text)',
  submitted_at DateTime64(3, 'UTC') COMMENT 'When the response was submitted (UTC)',
  updated_at DateTime64(3, 'UTC') COMMENT 'When this version of the response was written; an older delivery never replaces a newer one',
  has_comment UInt8 COMMENT '1 when the response has a comment (its text is in mentions)',
  version UInt64 COMMENT 'updated_at in ms; FINAL keeps the highest (the later insert on a tie)',
  ingested_at DateTime64(3, 'UTC') COMMENT 'When this row version was written'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(submitted_at)
ORDER BY (source_id, response_id)
COMMENT 'One row per survey response and version: read with FINAL for exact NPS / CSAT (NPS = % scores 9–10 minus % scores 0–6 of nps rows; CSAT = % scores 4–5 of csat rows).'`;

const tickets = `
CREATE TABLE IF NOT EXISTS {db}.tickets (
  source_id LowCardinality(String) COMMENT 'Configured source instance (tickets-file) the ticket came through',
  ticket_id String COMMENT 'The ticket''s (or chat''s) id in the help desk; unique per source_id; its text is the mention with native_id = ticket_id',
  source LowCardinality(String) COMMENT 'Connector type: tickets-file',
  brand LowCardinality(String) COMMENT 'Brand the ticket is about',
  channel LowCardinality(String) COMMENT 'Channel: email, chat, phone, social, …; empty when unknown',
  created_at DateTime64(3, 'UTC') COMMENT 'When the ticket was opened (UTC)',
  first_response_ms Nullable(UInt64) COMMENT 'Milliseconds from created_at to the first agent response; NULL while unanswered',
  resolved UInt8 COMMENT '1 when the ticket is resolved (in this version of the export)',
  resolved_at Nullable(DateTime64(3, 'UTC')) COMMENT 'When it was (last) resolved, when the export says',
  reopened UInt32 COMMENT 'Times the ticket was reopened; 0 = never. First-contact resolution = resolved AND reopened = 0',
  updated_at DateTime64(3, 'UTC') COMMENT 'When this version of the ticket was exported; an older export never replaces a newer one',
  version UInt64 COMMENT 'updated_at in ms; FINAL keeps the highest (the later insert on a tie)',
  ingested_at DateTime64(3, 'UTC') COMMENT 'When this row version was written'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(created_at)
ORDER BY (source_id, ticket_id)
COMMENT 'One row per support ticket and version: read with FINAL for exact FCR and response times.'`;

/** Creates survey_responses and tickets. */
export const careRecordsMigration: Migration = {
  version: 8,
  name: 'survey responses and tickets',
  statements: [surveyResponses, tickets],
};
