/**
 * The customer-service dashboard's response-time panels give exactly what storage's responseTimes read gives
 * (the figures docs/schema.md documents), on a small thread fixture worked out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mention } from '../../../core/mention.js';
import {
  expandPanelSql,
  serviceResponseBySource,
  serviceResponseTimes,
  type ExpandContext,
} from '../../../dashboards/panels/index.js';
import type { Store } from '../../../storage/client.js';
import { upsertMentions } from '../../../storage/mentions.js';
import { runPanelQuery } from '../../../storage/panel-query.js';
import { responseTimes } from '../../../storage/response-times.js';
import { mention, openTestStore, T0 } from '../storage/helpers.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const post = (id: string, minutes: number, overrides: Partial<Mention> = {}): Mention =>
  mention({
    source: 'x',
    source_id: 'x-main',
    native_id: id,
    url: `https://x.com/i/web/status/${id}`,
    author: `customer_${id}`,
    published_at: T0 + minutes * MIN,
    ...overrides,
  });
const reply = (id: string, parent: string, minutes: number): Mention =>
  post(id, minutes, { author: 'acme_support', in_reply_to: parent, kind: 'comment', from_brand: true });

// c1…c4 answered after 10, 30, 50 and 130 min, c5 never: rate 4/5; median of [10, 30, 50, 130] = 40 min;
// p90 at rank 0.9·3 = 2.7 → 50 + 0.7·80 = 106 min; within 1 h: 10, 30, 50 → 3 of 5.
const FIXTURE: Mention[] = [
  post('c1', 0),
  reply('r1', 'c1', 10),
  post('c2', 5),
  reply('r2', 'c2', 35),
  post('c3', 10),
  reply('r3', 'c3', 60),
  post('c4', 15),
  reply('r4', 'c4', 145),
  post('c5', 20),
];

let store: Store;
let cleanup: (() => Promise<void>) | undefined;
beforeAll(async () => {
  const opened = await openTestStore();
  store = opened.store;
  cleanup = opened.cleanup;
  await upsertMentions(store, FIXTURE);
  await upsertMentions(store, FIXTURE); // polled twice: counted once
}, 120_000);
afterAll(async () => cleanup?.());

const context: ExpandContext = {
  from: new Date(T0 - HOUR),
  to: new Date(T0 + 3 * HOUR),
  intervalSeconds: 4 * 3600,
  variables: { brand: ['acme'], competitor: [], source: 'All', aspect: 'All' },
};

describe('response-time panels', () => {
  it('per source: the hand-worked rate, median, p90 and share within 1 h, equal to the responseTimes read', async () => {
    const result = await runPanelQuery(store, expandPanelSql(serviceResponseBySource.sql, context));
    const row = Object.fromEntries(result.columns.map((c, i) => [c.name, result.rows[0]![i]]));
    expect(result.rows).toHaveLength(1);
    expect(row).toMatchObject({ brand: 'acme', source: 'x', mentions: 5, answered_mentions: 4 });
    expect(row.response_rate).toBeCloseTo(0.8, 9);
    expect(row.median_minutes).toBeCloseTo(40, 9);
    expect(row.p90_minutes).toBeCloseTo(106, 9);
    expect(row.within_1h).toBeCloseTo(0.6, 9);

    const [read] = await responseTimes(store, {
      brand: 'acme',
      from: context.from.getTime(),
      to: context.to.getTime(),
      slaMs: HOUR,
      byHour: false,
    });
    expect(read).toMatchObject({
      mentions: 5,
      answered: 4,
      medianMs: 40 * MIN,
      p90Ms: 106 * MIN,
      withinSla: 3,
    });
  });

  it('over time: one bucket holding the same figures', async () => {
    const result = await runPanelQuery(store, expandPanelSql(serviceResponseTimes.sql, context));
    expect(result.columns.map((c) => c.name)).toEqual([
      'time',
      'brand',
      'response_rate',
      'median_minutes',
      'p90_minutes',
    ]);
    expect(result.rows).toHaveLength(1);
    const [, brand, rate, median, p90] = result.rows[0]!;
    expect(brand).toBe('acme');
    expect(rate).toBeCloseTo(0.8, 9);
    expect(median).toBeCloseTo(40, 9);
    expect(p90).toBeCloseTo(106, 9);
  });
});
