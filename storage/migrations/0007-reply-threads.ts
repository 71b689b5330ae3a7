/**
 * Migration 7: reply threads on mentions, for the brand's response times on social (storage/response-times.ts).
 * Four columns with defaults, so every existing row reads as "no thread known, not the brand's own post";
 * the aggregate feeds of migration 1 and 4 are untouched (they never read these columns).
 */
import type { Migration } from './types.js';

const column = (definition: string): string =>
  `ALTER TABLE {db}.mentions ADD COLUMN IF NOT EXISTS ${definition}`;

/** Adds in_reply_to, thread_id, reply_key and from_brand to mentions. */
export const replyThreadsMigration: Migration = {
  version: 7,
  name: 'reply threads and brand authorship on mentions',
  statements: [
    column(
      `in_reply_to String DEFAULT '' COMMENT 'Id the record replies to (its parent''s reply_key, else native_id); empty when not a reply or unknown'`,
    ),
    column(
      `thread_id String DEFAULT '' COMMENT 'Thread (conversation) the record belongs to, as the source names it; empty when unknown'`,
    ),
    column(
      `reply_key String DEFAULT '' COMMENT 'Id replies name this record by when it differs from native_id (Mastodon: the instance-local status id); empty otherwise'`,
    ),
    column(
      `from_brand UInt8 DEFAULT 0 COMMENT '1 when the author is one of the brand''s own accounts (brands[].accounts): its replies are the brand''s responses'`,
    ),
  ],
};
