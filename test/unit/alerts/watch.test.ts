/**
 * Watch planning (pure): a calm history then a spike opens one incident whose id is deterministic; a spike in
 * incomplete buckets alerts at once (provisional) and is confirmed under the same id; restoring the saved
 * state and continuing equals never stopping; a first run waits for recent data; incidents that open and close
 * while learning history are marked as history; the records and deliveries built from transitions.
 */
import { describe, expect, it } from 'vitest';
import {
  alertId,
  BUCKET_MS,
  planBrand,
  type PlanBrandInput,
  type SourceCount,
  type WatchBrand,
} from '../../../alerts/watch/plan.js';
import { recordsOf } from '../../../alerts/watch/records.js';

const brand: WatchBrand = {
  key: 'acme',
  name: 'Acme',
  sensitivity: 'medium',
  timeZone: 'UTC',
  sources: [{ id: 'r', type: 'reddit' }],
};
const DAY = 86_400_000;
const END = Date.UTC(2026, 11, 1, 12);

/** Calm 4-per-bucket history with a third negative, and `spike` buckets of 60 negatives before `until`. */
function series(from: number, until: number, spikeFrom = Infinity): SourceCount[] {
  const out: SourceCount[] = [];
  for (let start = from, i = 0; start < until; start += BUCKET_MS, i++) {
    const volume = start >= spikeFrom ? 64 : 3 + (i % 3);
    const negative = start >= spikeFrom ? 61 : i % 3 === 0 ? 2 : 1;
    out.push({ sourceId: 'r', start, volume, negative });
  }
  return out;
}

const input = (over: Partial<PlanBrandInput>): PlanBrandInput => ({
  brand,
  state: undefined,
  now: END,
  settleMs: 120_000,
  warmupMs: 5 * DAY,
  sources: [],
  aspects: [],
  ...over,
});

describe('planBrand', () => {
  it('learns the history, then opens one negative-spike incident with a deterministic id', () => {
    const spikeFrom = END - 40 * 60_000;
    const { transitions, state } = planBrand(input({ sources: series(END - 5 * DAY, END, spikeFrom) }));
    const opened = transitions.filter((t) => t.type === 'opened' && t.alert.kind === 'negative_spike');
    expect(opened).toHaveLength(1);
    const a = opened[0]!.alert;
    expect(opened[0]!.history).toBe(false);
    expect(a.id).toBe(alertId('acme', 'negative_spike', 'brand', '', a.windowStart));
    expect(a.windowStart).toBeGreaterThanOrEqual(spikeFrom);
    expect(a.observed).toBeGreaterThan(a.expected);
    expect(state!.settledUntil).toBe(Math.floor((END - 120_000) / BUCKET_MS) * BUCKET_MS);
  });

  it('restoring the saved state and continuing gives the same transitions as one long run', () => {
    const spikeFrom = END - 40 * 60_000;
    const all = series(END - 5 * DAY, END, spikeFrom);
    const once = planBrand(input({ sources: all })).transitions.map((t) => `${t.type}:${t.alert.id}`);
    const mid = END - 3 * 3_600_000;
    const first = planBrand(input({ now: mid, sources: all.filter((r) => r.start < mid) }));
    let state = first.state;
    const later: string[] = first.transitions.map((t) => `${t.type}:${t.alert.id}`);
    for (let now = mid + 60_000; now <= END; now += 60_000) {
      const step = planBrand(
        input({ now, state, sources: all.filter((r) => r.start >= state!.settledUntil && r.start < now) }),
      );
      state = step.state;
      later.push(
        ...step.transitions.filter((t) => t.type !== 'updated').map((t) => `${t.type}:${t.alert.id}`),
      );
    }
    expect(later.filter((t) => t.startsWith('opened'))).toEqual(once.filter((t) => t.startsWith('opened')));
  });

  it('a first run waits until the brand has data in the last hour', () => {
    const old = series(END - 5 * DAY, END - 2 * 3_600_000);
    expect(planBrand(input({ sources: old }))).toEqual({ state: undefined, transitions: [], changed: false });
  });

  it('an incident that opens and closes while learning is history; nothing is delivered for it', () => {
    const spikeFrom = END - DAY;
    const rows = series(END - 5 * DAY, END, spikeFrom).map((r) =>
      r.start >= spikeFrom + 40 * 60_000 ? { ...r, volume: 3 + (r.start % 3), negative: 1 } : r,
    );
    const { transitions } = planBrand(input({ sources: rows }));
    const spike = transitions.filter((t) => t.alert.kind === 'negative_spike');
    expect(spike.map((t) => t.type)).toEqual(['opened', 'resolved']);
    expect(spike.every((t) => t.history)).toBe(true);
    const { records, deliveries } = recordsOf({
      transitions,
      existing: new Map(),
      stories: new Map(),
      routes: [],
      channels: ['log'],
      now: END,
    });
    expect(records.find((r) => r.id === spike[0]!.alert.id)!.state).toBe('resolved');
    expect(deliveries.filter((d) => d.alertId === spike[0]!.alert.id)).toEqual([]);
  });
});

describe('recordsOf', () => {
  it('queues a fired message per routed channel, also when the record exists (a run repeated after a crash)', () => {
    const t = {
      type: 'opened' as const,
      history: false,
      alert: {
        id: 'x',
        brand: 'acme',
        kind: 'negative_spike' as const,
        scopeType: 'brand' as const,
        scope: '',
        windowStart: 0,
        windowEnd: BUCKET_MS,
        observed: 9,
        expected: 2,
        spread: 1,
        severity: 0.7,
        strength: 's',
        rule: {},
      },
    };
    const first = recordsOf({
      transitions: [t],
      existing: new Map(),
      stories: new Map(),
      routes: [],
      channels: ['a', 'b'],
      now: 1,
    });
    expect(first.deliveries.map((d) => [d.alertId, d.transition, d.channel])).toEqual([
      ['x', 'fired', 'a'],
      ['x', 'fired', 'b'],
    ]);
    const again = recordsOf({
      transitions: [t],
      existing: new Map([['x', first.records[0]!]]),
      stories: new Map(),
      routes: [],
      channels: ['a', 'b'],
      now: 2,
    });
    expect(again.deliveries).toHaveLength(2);
    expect(again.records[0]!.openedAt).toBe(1);
  });
});
