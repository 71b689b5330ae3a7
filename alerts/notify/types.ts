/**
 * What notifiers send and the contract every channel implements. A message carries one or more alert
 * transitions (alerts that fired or resolved in the same watch run are grouped into one message per channel)
 * and an idempotency key that is the same on every retry of that message.
 */
import type { AlertRecord, AlertTransition } from '../../core/alert.js';
import type { HealthResult } from '../../core/errors.js';

/** One alert transition in a message. */
export interface NotificationItem {
  transition: AlertTransition;
  alert: AlertRecord;
  /** The brand's display name. */
  brandName: string;
}

/** One message to one channel. */
export interface NotificationBatch {
  /** Same on every retry of this message: hash of the channel and its items. */
  idempotencyKey: string;
  items: readonly NotificationItem[];
  /** Epoch ms of this attempt. */
  sentAt: number;
  /** A test message (`earshot alerts test`): says so everywhere. */
  test?: boolean;
}

/** A configured channel. `send` throws the notifier errors of core/errors.ts (each with `fix`). */
export interface Notifier {
  readonly channel: string;
  readonly type: 'log' | 'slack' | 'webhook' | 'email';
  send(batch: NotificationBatch): Promise<void>;
  /** Whether the channel is usable (its secret is set, its relay answers); never throws. */
  check(): Promise<HealthResult>;
}

/** Severity in [0, 1] as a word. */
export function severityWord(severity: number): 'critical' | 'high' | 'medium' | 'low' {
  return severity >= 0.8 ? 'critical' : severity >= 0.6 ? 'high' : severity >= 0.3 ? 'medium' : 'low';
}

/** Kind as words: `negative_spike` → `negative spike`. */
export function kindWords(kind: string): string {
  return kind.replaceAll('_', ' ');
}

/** A one-line title: "Negative spike — Acme Air (Reddit)" / "Resolved: …". */
export function itemTitle(item: NotificationItem): string {
  const { alert } = item;
  const scope = alert.scope ? ` (${alert.scope})` : '';
  const what = `${kindWords(alert.kind)} — ${item.brandName}${scope}`;
  const title = what.charAt(0).toUpperCase() + what.slice(1);
  return item.transition === 'resolved' ? `Resolved: ${title}` : title;
}

/** A subject line for a whole message. */
export function batchSubject(batch: NotificationBatch): string {
  const prefix = batch.test ? '[Earshot test] ' : '[Earshot] ';
  const [first] = batch.items;
  if (!first) return `${prefix}test message`;
  const more = batch.items.length > 1 ? ` and ${batch.items.length - 1} more` : '';
  return `${prefix}${itemTitle(first)}${more}`;
}

/** What the resolve says. */
export function resolveLine(item: NotificationItem): string {
  const withdrawn = item.alert.rule.withdrawn === true;
  return withdrawn
    ? 'Withdrawn: once its bucket was complete the detector no longer saw an anomaly.'
    : 'Back to normal.';
}

/** The mention links an item shows: http(s) only (a stored URL is untrusted). */
export function safeLinks(item: NotificationItem, max = 5): Array<{ url: string; label: string }> {
  return (item.alert.evidence?.mentions ?? [])
    .filter((m) => /^https?:\/\//i.test(m.url))
    .slice(0, max)
    .map((m) => ({ url: m.url, label: oneLine(m.title ?? m.text, 140) }));
}

/** Text on one line, cut to `max` characters with an ellipsis. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
