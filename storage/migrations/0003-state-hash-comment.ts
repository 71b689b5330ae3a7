/**
 * Migration 3: `state_hash` became a 64-bit non-cryptographic hash (storage/mention-row.ts) instead of sha256;
 * only its comment changes. Rows written before keep their sha256 hashes, which never equal a new hash, so each
 * such mention is rewritten once, as an update that moves nothing in the aggregates, the next time it is fetched.
 * Never edit a released migration: add a new one.
 */
import type { Migration } from './types.js';

/** Updates the comment of mentions.state_hash. */
export const stateHashCommentMigration: Migration = {
  version: 3,
  name: 'state_hash comment: 64-bit hash',
  statements: [
    `ALTER TABLE {db}.mentions COMMENT COLUMN state_hash 'Bookkeeping: 64-bit hash (16 hex digits) of the stored fields except fetched_at; an identical re-ingest is skipped, not rewritten'`,
  ],
};
