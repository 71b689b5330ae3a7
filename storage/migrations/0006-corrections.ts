/**
 * Migration 6: user corrections of mention sentiment (issue 13). Append-only: every correction is kept (who,
 * when, old → new); the latest one per mention is the one that counts. Never edit a released migration.
 */
import type { Migration } from './types.js';

const corrections = `
CREATE TABLE IF NOT EXISTS {db}.corrections (
  corrected_at DateTime64(3, 'UTC') COMMENT 'When the correction was recorded (UTC, ms)',
  corrected_by String COMMENT 'Who corrected it: the name the caller gives (earshot label: cli:<OS user> unless --by)',
  via LowCardinality(String) COMMENT 'Where it was recorded: cli (earshot label), web, api',
  source LowCardinality(String) COMMENT 'Connector type of the corrected mention',
  source_id LowCardinality(String) COMMENT 'Configured source instance of the corrected mention',
  native_id String COMMENT 'The corrected mention''s id on its source (with brand and source_id: the mentions key)',
  brand LowCardinality(String) COMMENT 'Brand row of the mention that was corrected (a correction is per brand)',
  text String COMMENT 'Scored text (title and body) at correction time, what the engine learns from; untrusted',
  old_label LowCardinality(String) COMMENT 'Label stored before the correction: negative, neutral, positive or unscored',
  new_label LowCardinality(String) COMMENT 'Label the user gave: negative, neutral or positive',
  old_aspects Array(Tuple(aspect String, sentiment Float32)) COMMENT 'Aspects stored before the correction, with their sentiment',
  new_aspects Array(Tuple(aspect String, label String)) COMMENT 'Aspect labels the user gave (aspect id, negative|neutral|positive); empty when none',
  old_scorer_version LowCardinality(String) COMMENT 'Scorer version of the stored label that was corrected'
)
ENGINE = MergeTree
ORDER BY (brand, source_id, native_id, corrected_at)
COMMENT 'User corrections of mention sentiment, one row per correction (history kept). The latest row per (brand, source_id, native_id) is in force: argMax(new_label, corrected_at). The mention row itself carries the corrected label.'`;

/** Creates `corrections`. */
export const correctionsMigration: Migration = {
  version: 6,
  name: 'user corrections of mention sentiment',
  statements: [corrections],
};
