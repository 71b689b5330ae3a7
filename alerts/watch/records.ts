/**
 * From planned transitions to alert records and delivery rows, pure. An `opened` transition becomes a firing
 * record with its evidence; `updated` refreshes the figures of the same incident; `resolved` closes the
 * record (the stored one, or the one opened earlier in the same run). Only non-history `opened` and `resolved`
 * transitions are announced, each on the channels its route picks.
 */
import type { AlertEvidence, AlertRecord, AlertTransition } from '../../core/alert.js';
import type { RouteConfig } from '../../core/config/alerts.js';
import { routeAlert } from '../notify/routes.js';
import type { WatchTransition } from './plan.js';

/** Evidence and sentence of an alert (from alerts/evidence). */
export interface AlertStory {
  evidence: AlertEvidence;
  summary: string;
}

/** A delivery to add as pending. */
export interface PendingDelivery {
  alertId: string;
  transition: AlertTransition;
  channel: string;
  notBefore: number;
}

/** Input of `recordsOf`. */
export interface RecordsInput {
  transitions: readonly WatchTransition[];
  /** Stored records of the transitions' ids. */
  existing: ReadonlyMap<string, AlertRecord>;
  /** Evidence of opened / updated alerts, by id. */
  stories: ReadonlyMap<string, AlertStory>;
  routes: readonly RouteConfig[];
  channels: readonly string[];
  now: number;
}

/** The records to write (latest state per id) and the deliveries to queue. */
export function recordsOf(input: RecordsInput): { records: AlertRecord[]; deliveries: PendingDelivery[] } {
  const records = new Map<string, AlertRecord>(input.existing);
  const touched = new Set<string>();
  const deliveries: PendingDelivery[] = [];
  const announce = (record: AlertRecord, transition: AlertTransition): void => {
    for (const { channel, notBefore } of routeAlert(record, input.routes, input.channels, input.now)) {
      deliveries.push({ alertId: record.id, transition, channel, notBefore });
    }
  };
  for (const t of input.transitions) {
    const { alert } = t;
    const story = input.stories.get(alert.id);
    const before = records.get(alert.id);
    let record: AlertRecord;
    if (t.type === 'resolved') {
      record = {
        ...(before ?? fresh(t, story, input.now)),
        state: 'resolved',
        resolvedAt: input.now,
        windowEnd: Math.max(before?.windowEnd ?? 0, alert.windowEnd),
        history: t.history,
        ...(t.withdrawn ? { rule: { ...(before?.rule ?? alert.rule), withdrawn: true } } : {}),
      };
    } else if (t.type === 'updated' && before) {
      record = {
        ...before,
        observed: Math.max(before.observed, alert.observed),
        expected: alert.expected,
        spread: alert.spread,
        severity: Math.max(before.severity, alert.severity),
        strength: alert.observed >= before.observed ? alert.strength : before.strength,
        windowEnd: Math.max(before.windowEnd, alert.windowEnd),
        ...(story && alert.observed >= before.observed ? story : {}),
      };
    } else {
      record = before ? { ...before, history: t.history } : fresh(t, story, input.now);
    }
    records.set(alert.id, record);
    touched.add(alert.id);
    if (t.history) continue;
    // Also when the record exists: a run repeated after a crash re-queues, and the store keeps known rows.
    if (t.type === 'opened') announce(record, 'fired');
    if (t.type === 'resolved') announce(record, 'resolved');
  }
  return { records: [...touched].map((id) => records.get(id)!), deliveries };
}

function fresh(t: WatchTransition, story: AlertStory | undefined, now: number): AlertRecord {
  const { alert } = t;
  return {
    ...alert,
    state: 'firing',
    openedAt: now,
    resolvedAt: null,
    summary: story?.summary ?? alert.strength,
    evidence: story?.evidence ?? null,
    history: t.history,
  };
}
