/**
 * Migration 5: alert records, their delivery per channel, and the watch workflow's persisted detector state.
 * Every table is a ReplacingMergeTree keyed by a deterministic id, so recording the same thing twice (a retried
 * activity, a watch run repeated after a crash) leaves one row. Never edit a released migration: add a new one.
 */
import type { Migration } from './types.js';

const alerts = `
CREATE TABLE IF NOT EXISTS {db}.alerts (
  id String COMMENT 'Deterministic alert id: hash of (brand, kind, scope_type, scope, window_start); the same incident always gets the same id',
  brand LowCardinality(String) COMMENT 'Brand key the alert is about',
  kind LowCardinality(String) COMMENT 'What fired: volume_spike, negative_spike, aspect_spike, drop or silence',
  scope_type LowCardinality(String) COMMENT 'What the series covers: brand (all sources), source (one source_id) or aspect',
  scope String COMMENT 'The source_id or aspect for scope_type source / aspect; empty for brand',
  window_start DateTime64(3, 'UTC') COMMENT 'Start of the 5-minute bucket in which the incident opened',
  window_end DateTime64(3, 'UTC') COMMENT 'End of the last bucket seen firing (or of the bucket that resolved it)',
  state LowCardinality(String) COMMENT 'firing, or resolved once the metric is back to normal',
  opened_at DateTime64(3, 'UTC') COMMENT 'When the watch recorded the alert',
  resolved_at Nullable(DateTime64(3, 'UTC')) COMMENT 'When the watch saw it resolved; NULL while firing',
  observed Float64 COMMENT 'Metric in the opening bucket (mentions, negatives, aspect complaints per 5 minutes)',
  expected Float64 COMMENT 'What the baseline expected for that bucket',
  spread Float64 COMMENT 'Robust spread of the baseline (same unit as expected)',
  severity Float32 COMMENT 'Severity in [0, 1] (routes filter on it)',
  strength String COMMENT 'How far from usual, for people: "5.2x the usual for a Tuesday 10:00 (6 ± 2)"',
  summary String COMMENT 'One sentence a support lead reads in two seconds (contains untrusted source names only as configured)',
  evidence String COMMENT 'JSON: top negative mentions with links (one per story), sources and aspects whose share moved most, counts (untrusted text, verbatim)',
  rule String COMMENT 'JSON: the detector kind, sensitivity, parameters and bucket size that fired',
  history UInt8 COMMENT '1 when the incident opened and closed while the detector was learning stored history (never delivered)',
  version UInt64 COMMENT 'Row version (ms clock); FINAL keeps the latest state of each id',
  recorded_at DateTime64(3, 'UTC') COMMENT 'When this row version was written'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(window_start)
ORDER BY id
COMMENT 'One row per alert (incident), its latest state with FINAL. Delivery per channel is in alert_deliveries.'`;

const deliveries = `
CREATE TABLE IF NOT EXISTS {db}.alert_deliveries (
  alert_id String COMMENT 'alerts.id',
  transition LowCardinality(String) COMMENT 'Which message: fired or resolved',
  channel LowCardinality(String) COMMENT 'Configured channel name (alerts.channels)',
  channel_type LowCardinality(String) COMMENT 'log, slack, webhook or email',
  status LowCardinality(String) COMMENT 'pending (waiting, or in quiet hours until not_before), sent, or failed (retried at not_before)',
  attempts UInt32 COMMENT 'Delivery attempts so far',
  not_before DateTime64(3, 'UTC') COMMENT 'Earliest next attempt: end of quiet hours, or the retry backoff after a failure',
  idempotency_key String COMMENT 'Key of the last message that carried this transition (same on every retry of that message)',
  last_error String COMMENT 'Why the last attempt failed (secrets redacted); empty when sent',
  fix String COMMENT 'What to do about the failure, for earshot status and earshot alerts list',
  sent_at Nullable(DateTime64(3, 'UTC')) COMMENT 'When the channel accepted the message',
  version UInt64 COMMENT 'Row version (ms clock); FINAL keeps the latest',
  updated_at DateTime64(3, 'UTC') COMMENT 'When this row version was written'
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (alert_id, transition, channel)
COMMENT 'Delivery status of each alert transition on each channel it was routed to. Read with FINAL.'`;

const watchState = `
CREATE TABLE IF NOT EXISTS {db}.alert_watch_state (
  brand String COMMENT 'Brand key whose series the state covers',
  state String COMMENT 'JSON: per series (brand, brand x source, brand x aspect) the detectors'' snapshots, the last complete bucket stepped and the open incidents',
  settled_until DateTime64(3, 'UTC') COMMENT 'Every bucket before this instant has been stepped into the detectors',
  version UInt64 COMMENT 'Save counter (ms clock); FINAL keeps the latest',
  updated_at DateTime64(3, 'UTC') COMMENT 'When the state was saved'
)
ENGINE = ReplacingMergeTree(version)
ORDER BY brand
COMMENT 'Detector state of the spike-watch workflow, saved after each run''s alerts are recorded, so a restart neither re-fires nor loses an alert.'`;

/** Creates alerts, alert_deliveries and alert_watch_state. */
export const alertsMigration: Migration = {
  version: 5,
  name: 'alerts, deliveries and watch state',
  statements: [alerts, deliveries, watchState],
};
