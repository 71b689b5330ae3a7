/**
 * The alert record: what the spike-watch workflow stores in `alerts` (storage/), what notifiers send (alerts/)
 * and what `earshot alerts list --json` prints. Domain types only.
 */

/** What fired. */
export type AlertKindName = 'volume_spike' | 'negative_spike' | 'aspect_spike' | 'drop' | 'silence';
/** What the series covers: the whole brand, one configured source of it, or one aspect of it. */
export type AlertScopeType = 'brand' | 'source' | 'aspect';
/** firing until the metric is back to normal, then resolved. */
export type AlertState = 'firing' | 'resolved';
/** The two messages an alert sends. */
export type AlertTransition = 'fired' | 'resolved';

/** A negative mention shown as evidence (untrusted text, verbatim; every channel escapes it). */
export interface AlertEvidenceMention {
  source: string;
  sourceId: string;
  url: string;
  author: string;
  title: string | null;
  text: string;
  publishedAt: number;
  sentiment: number;
  engagement: number;
}

/** A source or aspect whose share of the negatives moved against its baseline. */
export interface AlertDriver {
  /** source_id or aspect. */
  name: string;
  /** Its share of the negatives in the alert window, 0–1. */
  share: number;
  /** Its share over the baseline period, 0–1. */
  baselineShare: number;
  /** Negatives in the alert window. */
  count: number;
}

/** Why the alert fired, for people. */
export interface AlertEvidence {
  /** Top negative mentions by engagement, one per story, with links. */
  mentions: AlertEvidenceMention[];
  /** Sources whose share of negatives grew most (largest first). */
  sources: AlertDriver[];
  /** Aspects whose share of negatives grew most (largest first). */
  aspects: AlertDriver[];
  /** Counts over the alert window. */
  counts: { volume: number; negative: number; windowStart: number; windowEnd: number };
  /** The baseline the detector compared with. */
  baseline: { expected: number; spread: number; strength: string };
}

/** Delivery of one transition on one channel. */
export interface AlertDelivery {
  transition: AlertTransition;
  channel: string;
  channelType: string;
  status: 'pending' | 'sent' | 'failed' | (string & {});
  attempts: number;
  /** Next attempt not before (epoch ms): end of quiet hours, or the retry backoff. */
  notBefore: number;
  lastError: string;
  fix: string;
  sentAt: number | null;
}

/** One alert (incident). Times are epoch milliseconds. */
export interface AlertRecord {
  /** Deterministic: the same brand, kind, scope and opening bucket always give the same id. */
  id: string;
  brand: string;
  kind: AlertKindName;
  scopeType: AlertScopeType;
  /** source_id or aspect; '' for the brand. */
  scope: string;
  windowStart: number;
  windowEnd: number;
  state: AlertState;
  openedAt: number;
  resolvedAt: number | null;
  observed: number;
  expected: number;
  spread: number;
  severity: number;
  strength: string;
  /** The two-second sentence. */
  summary: string;
  evidence: AlertEvidence | null;
  /** Detector kind, sensitivity, parameters and bucket size that fired. */
  rule: Record<string, unknown>;
  /** Opened and closed while the detector learned stored history: recorded, never delivered. */
  history: boolean;
}
