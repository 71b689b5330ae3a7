import { describe, expect, it } from 'vitest';
import type { Store } from '../../../storage/client.js';
import { internals } from '../../../storage/internals.js';
import { upsertMentions } from '../../../storage/mentions.js';
import { queryReadOnly } from '../../../storage/query.js';
import type { Mention } from '../../../core/mention.js';
import { countStaleMentions, rescoreStaleMentions } from '../../../storage/rescore.js';
import { T0, mention, useTestStore } from './helpers.js';

let store: Store;
useTestStore((opened) => (store = opened));

interface Hourly {
  volume: number;
  positive: number;
  neutral: number;
  negative: number;
  unscored: number;
  scored: number;
  sentiment_sum: number;
  engagement_sum: number;
  authors: number;
}

async function hourly(brand: string): Promise<Hourly> {
  const { rows } = await queryReadOnly(
    store,
    `SELECT sum(volume), sum(positive), sum(neutral), sum(negative), sum(unscored), sum(scored),
            round(sum(sentiment_sum), 4), sum(engagement_sum), uniqMerge(unique_authors)
     FROM mention_hourly WHERE brand = {brand:String}`,
    { brand },
  );
  const [v, pos, neu, neg, uns, sc, ss, eng, au] = (rows[0] ?? []).map(Number) as number[];
  return {
    volume: v!,
    positive: pos!,
    neutral: neu!,
    negative: neg!,
    unscored: uns!,
    scored: sc!,
    sentiment_sum: ss!,
    engagement_sum: eng!,
    authors: au!,
  };
}

async function aspects(brand: string): Promise<Record<string, [number, number, number]>> {
  const { rows } = await queryReadOnly(
    store,
    `SELECT aspect, sum(mentions), sum(negative), sum(positive) FROM aspect_hourly
     WHERE brand = {brand:String} GROUP BY aspect HAVING sum(mentions) != 0 ORDER BY aspect`,
    { brand },
  );
  return Object.fromEntries(rows.map(([a, m, n, p]) => [a, [Number(m), Number(n), Number(p)]]));
}

describe('upsertMentions', () => {
  it('stores a batch once: re-inserting the same batch changes neither rows nor aggregates', async () => {
    const batch = [
      mention({ brand: 'b1', native_id: '1' }),
      mention({
        brand: 'b1',
        native_id: '2',
        author: 'bob',
        label: 'negative',
        sentiment: -0.5,
        aspects: [],
      }),
      mention({ brand: 'b1', native_id: '3', label: 'unscored', sentiment: 0, aspects: [] }),
    ];
    expect(await upsertMentions(store, batch)).toEqual({ inserted: 3, updated: 0, unchanged: 0, invalid: 0 });
    const before = await hourly('b1');
    expect(before).toEqual({
      volume: 3,
      positive: 1,
      neutral: 0,
      negative: 1,
      unscored: 1,
      scored: 2,
      sentiment_sum: 0.1,
      engagement_sum: 18,
      authors: 2,
    });
    // a retried activity sees the same records with a newer fetch time
    const again = batch.map((m) => ({ ...m, fetched_at: m.fetched_at + 60_000 }));
    expect(await upsertMentions(store, again)).toEqual({ inserted: 0, updated: 0, unchanged: 3, invalid: 0 });
    expect(await hourly('b1')).toEqual(before);
    const raw = await queryReadOnly(store, "SELECT count() FROM mentions WHERE brand = 'b1'");
    expect(raw.rows).toEqual([['3']]);
  });

  it('moves a rescored mention between buckets exactly (label, sentiment, aspects, engagement)', async () => {
    const original = mention({ brand: 'b2' });
    await upsertMentions(store, [original]);
    expect(await aspects('b2')).toEqual({ support: [1, 0, 1] });
    const rescored = {
      ...original,
      label: 'negative' as const,
      sentiment: -0.4,
      engagement: { likes: 10, shares: 0, replies: 0, score: 1 },
      aspects: [
        { aspect: 'price', sentiment: -0.6 },
        { aspect: 'support', sentiment: -0.2 },
      ],
      scorer_version: 'v2',
    };
    expect(await upsertMentions(store, [rescored])).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 0,
      invalid: 0,
    });
    expect(await hourly('b2')).toMatchObject({
      volume: 1,
      positive: 0,
      negative: 1,
      scored: 1,
      sentiment_sum: -0.4,
      engagement_sum: 10,
      authors: 1,
    });
    expect(await aspects('b2')).toEqual({ price: [1, 1, 0], support: [1, 1, 0] });
    const final = await queryReadOnly(
      store,
      "SELECT label, scorer_version FROM mentions FINAL WHERE brand = 'b2'",
    );
    expect(final.rows).toEqual([['negative', 'v2']]);
  });

  it('skips and counts a record ClickHouse cannot hold, storing the rest of its batch', async () => {
    const result = await upsertMentions(store, [
      mention({ brand: 'b9', native_id: 'ok' }),
      mention({ brand: 'b9', native_id: 'year-2500', published_at: Date.UTC(2500, 0, 1) }),
      mention({ brand: 'b9', native_id: 'nan', sentiment: Number.NaN }),
    ]);
    expect(result).toEqual({ inserted: 1, updated: 0, unchanged: 0, invalid: 2 });
    const stored = await queryReadOnly(store, "SELECT native_id FROM mentions FINAL WHERE brand = 'b9'");
    expect(stored.rows).toEqual([['ok']]);
  });

  it('moves a mention whose publication time changed to its new hour', async () => {
    const m = mention({ brand: 'b3' });
    await upsertMentions(store, [m]);
    await upsertMentions(store, [{ ...m, published_at: T0 + 5 * 3_600_000 }]);
    const { rows } = await queryReadOnly(
      store,
      "SELECT hour, sum(volume) v FROM mention_hourly WHERE brand = 'b3' GROUP BY hour HAVING v != 0",
    );
    expect(rows).toEqual([['2026-03-02 15:00:00', '1']]);
  });

  it('compares with the latest stored version while older ones are not merged away', async () => {
    const { client, table } = internals(store);
    await client.command({ query: `SYSTEM STOP MERGES ${table('mentions')}` });
    try {
      const m = mention({ brand: 'unmerged', native_id: 'v' });
      const labels = ['negative', 'positive', 'neutral', 'negative'] as const;
      for (const label of labels) {
        expect(await upsertMentions(store, [{ ...m, label }])).toMatchObject({ invalid: 0, unchanged: 0 });
      }
      expect(await upsertMentions(store, [{ ...m, label: 'negative' }])).toMatchObject({ unchanged: 1 });
      const versions = await queryReadOnly(store, "SELECT count() FROM mentions WHERE brand = 'unmerged'");
      expect(versions.rows).toEqual([[String(labels.length)]]);
      expect(await hourly('unmerged')).toMatchObject({ volume: 1, negative: 1, positive: 0, neutral: 0 });
    } finally {
      await client.command({ query: `SYSTEM START MERGES ${table('mentions')}` });
    }
  });

  it('counts a mention once after three upserts with retries, including concurrent ones', async () => {
    const m = mention({ brand: 'b4', native_id: 'x' });
    await Promise.all([
      upsertMentions(store, [m]),
      upsertMentions(store, [m]),
      upsertMentions(store, [m, m]),
    ]);
    await upsertMentions(store, [{ ...m, fetched_at: m.fetched_at + 1 }]);
    expect((await hourly('b4')).volume).toBe(1);
    const final = await queryReadOnly(store, "SELECT count() FROM mentions FINAL WHERE brand = 'b4'");
    expect(final.rows).toEqual([['1']]);
  });

  it('finds the stored state of keys holding tabs, newlines, backslashes, quotes and lone surrogates', async () => {
    const ids = ['tab\there', 'line\nbreak', 'back\\slash', "it's", 'cr\r\0nul', 'lone\uD800'];
    const batch = ids.map((native_id) => mention({ brand: 'b10', source_id: "src\t'x\\", native_id }));
    expect(await upsertMentions(store, batch)).toMatchObject({ inserted: ids.length, unchanged: 0 });
    // Found again, key by key: nothing new, nothing counted twice.
    expect(await upsertMentions(store, batch)).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: ids.length,
    });
    const changed = batch.map((m) => ({ ...m, sentiment: 0.5 }));
    expect(await upsertMentions(store, changed)).toMatchObject({ inserted: 0, updated: ids.length });
    expect((await hourly('b10')).volume).toBe(ids.length);
  });

  it('keeps one row per brand a record matches', async () => {
    const m = mention({ native_id: 'shared' });
    await upsertMentions(store, [
      { ...m, brand: 'b5' },
      { ...m, brand: 'b6' },
    ]);
    expect((await hourly('b5')).volume).toBe(1);
    expect((await hourly('b6')).volume).toBe(1);
  });

  it('pages through stale mentions for rescoring and round-trips them to the Mention contract', async () => {
    const stale = await countStaleMentions(store, 'v1');
    expect(stale).toBeGreaterThan(0);
    const seen: Mention[] = [];
    // Handed back unchanged: every row is read and found identical to what is stored.
    const keep = (mentions: Mention[]): Mention[] => (seen.push(...mentions), mentions);
    let after: string | undefined;
    for (;;) {
      const page = await rescoreStaleMentions(store, { scorerVersion: 'v1', after, limit: 2 }, keep);
      expect(page.written).toMatchObject({ unchanged: page.selected, updated: 0, inserted: 0 });
      if (page.done) break;
      after = page.last;
    }
    expect(seen).toHaveLength(stale);
    expect(await countStaleMentions(store, 'v1')).toBe(stale);
    const [first] = seen;
    expect(first).toMatchObject({ brand: 'b2', scorer_version: 'v2', engagement: { likes: 10 } });
    expect(first?.published_at).toBe(T0 + 5 * 60_000);
  });
});
