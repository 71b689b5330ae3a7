import { describe, expect, it } from 'vitest';
import { StorageError } from '../../../core/errors.js';
import type { Store } from '../../../storage/client.js';
import { topNegativeMentions, topNegativeMentionsQuery } from '../../../storage/evidence.js';
import { upsertMentions } from '../../../storage/mentions.js';
import { queryReadOnly } from '../../../storage/query.js';
import { runReadQuery, type ReadQuery } from '../../../storage/read-query.js';
import { countStaleMentions, staleMentionCountQuery } from '../../../storage/rescore.js';
import { sourceStatusQuery } from '../../../storage/runs.js';
import {
  aspectSeries,
  aspectSeriesQuery,
  mentionSeries,
  mentionSeriesQuery,
} from '../../../storage/series.js';
import { T0, mention, useTestStore } from './helpers.js';

const HOUR = 3_600_000;
const range = { brand: 'acme', from: T0, to: T0 + 4 * HOUR };

let store: Store;
useTestStore(async (opened) => {
  store = opened;
  const h0 = T0 + 5 * 60_000;
  const h2 = T0 + 2 * HOUR + 60_000;
  const first = [
    mention({
      native_id: 'm1',
      published_at: h0,
      label: 'negative',
      sentiment: -0.6,
      aspects: [{ aspect: 'support', sentiment: -0.7 }],
    }),
    mention({ native_id: 'm2', published_at: h0, aspects: [{ aspect: 'support', sentiment: 0.5 }] }),
    mention({ native_id: 'm3', published_at: h0, aspects: [] }),
    mention({
      native_id: 'm4',
      source: 'hn',
      source_id: 'hn',
      published_at: h0,
      label: 'unscored',
      sentiment: 0,
      aspects: [],
    }),
    mention({
      native_id: 'm5',
      published_at: h2,
      label: 'negative',
      sentiment: -0.5,
      engagement: { likes: 50, shares: 0, replies: 0, score: 1 },
      aspects: [
        { aspect: 'price', sentiment: -0.5 },
        { aspect: 'support', sentiment: 0.4 },
      ],
    }),
    mention({ native_id: 'm6', published_at: h2, label: 'negative', sentiment: -0.9, aspects: [] }),
    // Outside the range or the brand: never counted.
    mention({ native_id: 'before', published_at: T0 - 1, label: 'negative', sentiment: -0.5 }),
    mention({ native_id: 'at-end', published_at: T0 + 4 * HOUR, label: 'negative', sentiment: -0.5 }),
    mention({ native_id: 'rival', brand: 'rival', published_at: h0, label: 'negative', sentiment: -0.5 }),
  ];
  await upsertMentions(store, first);
  await upsertMentions(store, first); // unchanged: writes nothing
  // Rescored and re-fetched: the aggregates get -1 for the old state and +1 for the new one.
  await upsertMentions(store, [
    mention({
      native_id: 'm2',
      published_at: h0,
      label: 'negative',
      sentiment: -0.4,
      scorer_version: 'v2',
      engagement: { likes: 10, shares: 1, replies: 2, score: 7 },
      aspects: [
        { aspect: 'support', sentiment: -0.4 },
        { aspect: 'delivery', sentiment: -0.3 },
      ],
    }),
    mention({
      native_id: 'm6',
      published_at: h2,
      label: 'positive',
      sentiment: 0.3,
      scorer_version: 'v2',
      aspects: [],
    }),
  ]);
  await upsertMentions(store, [
    mention({
      brand: 'zeta',
      native_id: 'hostile',
      published_at: h0,
      label: 'negative',
      sentiment: -0.8,
      text: `${'😀'.repeat(10)}'; DROP TABLE mentions; --`,
    }),
  ]);
});

/** What the CLI does while `earshot up` runs: params and rows travel as JSON through the SQL endpoint. */
async function viaEndpoint<T>(query: ReadQuery<T>): Promise<T> {
  const params = JSON.parse(JSON.stringify(query.params)) as Record<string, unknown>;
  const result = await queryReadOnly(store, query.sql, params);
  return query.decode(JSON.parse(JSON.stringify(result)) as typeof result);
}

const zeros = { volume: 0, negative: 0, scored: 0, negativeShare: null };

describe('mentionSeries', () => {
  it('sums the +1/-1 rows per hour and zero-fills every hour of [from, to)', async () => {
    expect(await mentionSeries(store, range)).toEqual([
      { hour: T0, sourceId: null, source: null, volume: 4, negative: 2, scored: 3, negativeShare: 2 / 3 },
      { hour: T0 + HOUR, sourceId: null, source: null, ...zeros },
      {
        hour: T0 + 2 * HOUR,
        sourceId: null,
        source: null,
        volume: 2,
        negative: 1,
        scored: 2,
        negativeShare: 0.5,
      },
      { hour: T0 + 3 * HOUR, sourceId: null, source: null, ...zeros },
    ]);
  });

  it('splits by source, one full series per source with mentions in the range', async () => {
    const points = await mentionSeries(store, { ...range, bySource: true });
    expect(points.map((p) => [p.sourceId, p.hour - T0])).toEqual([
      ...[0, 1, 2, 3].map((h) => ['hn', h * HOUR]),
      ...[0, 1, 2, 3].map((h) => ['reddit-main', h * HOUR]),
    ]);
    expect(points[0]).toEqual({
      hour: T0,
      sourceId: 'hn',
      source: 'hn',
      volume: 1,
      negative: 0,
      scored: 0,
      negativeShare: null,
    });
    expect(points[4]).toMatchObject({ source: 'reddit', volume: 3, negative: 2, scored: 3 });
  });

  it('counts hours whose start lies in the range, and a silent range as zeros', async () => {
    const points = await mentionSeries(store, { ...range, from: T0 + 1 });
    expect(points.map((p) => p.hour)).toEqual([T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR]);
    const silent = await mentionSeries(store, { brand: 'nobody', from: T0, to: T0 + 2 * HOUR });
    expect(silent).toEqual([
      { hour: T0, sourceId: null, source: null, ...zeros },
      { hour: T0 + HOUR, sourceId: null, source: null, ...zeros },
    ]);
  });

  it('refuses an empty, inverted or huge range', () => {
    expect(() => mentionSeriesQuery({ ...range, to: T0 })).toThrow(StorageError);
    expect(() => mentionSeriesQuery({ ...range, from: T0 + HOUR, to: T0 })).toThrow(StorageError);
    expect(() => aspectSeriesQuery({ ...range, from: 0 })).toThrow(/hour starts/);
  });
});

describe('aspectSeries', () => {
  it('sums aspect occurrences per hour, replaced aspects cancelled', async () => {
    const points = await aspectSeries(store, range);
    const nonZero = points
      .filter((p) => p.mentions !== 0)
      .map(({ hour, ...p }) => ({ h: (hour - T0) / HOUR, ...p }));
    expect(nonZero).toEqual([
      { h: 0, aspect: 'delivery', mentions: 1, negative: 1, positive: 0, negativeShare: 1 },
      { h: 2, aspect: 'price', mentions: 1, negative: 1, positive: 0, negativeShare: 1 },
      { h: 0, aspect: 'support', mentions: 2, negative: 2, positive: 0, negativeShare: 1 },
      { h: 2, aspect: 'support', mentions: 1, negative: 0, positive: 1, negativeShare: 0 },
    ]);
    expect(points).toHaveLength(3 * 4);
  });

  it('keeps only the aspects asked for', async () => {
    const points = await aspectSeries(store, { ...range, aspects: ['price', 'missing'] });
    expect(points.map((p) => [p.aspect, p.mentions])).toEqual([
      ['price', 0],
      ['price', 0],
      ['price', 1],
      ['price', 0],
    ]);
  });
});

describe('topNegativeMentions', () => {
  it('returns negative mentions in their latest state, most engaging first', async () => {
    const top = await topNegativeMentions(store, range);
    expect(top.map((m) => [m.nativeId, m.engagement, m.sentiment])).toEqual([
      ['m5', 50, -0.5],
      ['m2', 13, -0.4],
      ['m1', 6, -0.6],
    ]);
    expect(top[0]).toEqual({
      source: 'reddit',
      sourceId: 'reddit-main',
      nativeId: 'm5',
      kind: 'post',
      url: 'https://reddit.com/r/x/t3_abc',
      author: 'alice',
      title: null,
      text: 'Acme support was great',
      truncated: false,
      publishedAt: T0 + 2 * HOUR + 60_000,
      sentiment: -0.5,
      confidence: 0.8,
      engagement: 50,
      engagementScore: 1,
      storyId: expect.any(String),
    });
  });

  it('filters by source and by negative aspect, and limits', async () => {
    const ids = async (o: Partial<Parameters<typeof topNegativeMentions>[1]>): Promise<string[]> =>
      (await topNegativeMentions(store, { ...range, ...o })).map((m) => m.nativeId);
    expect(await ids({ aspect: 'support' })).toEqual(['m2', 'm1']); // m5's support is positive
    expect(await ids({ aspect: 'price' })).toEqual(['m5']);
    expect(await ids({ sourceId: 'hn' })).toEqual([]);
    expect(await ids({ limit: 1 })).toEqual(['m5']);
  });

  it('cuts long text by characters and returns hostile text verbatim', async () => {
    const window = { brand: 'zeta', from: T0, to: T0 + HOUR };
    const [cut] = await topNegativeMentions(store, { ...window, maxTextChars: 5 });
    expect(cut).toMatchObject({ text: '😀'.repeat(5), truncated: true });
    const [whole] = await topNegativeMentions(store, window);
    expect(whole).toMatchObject({ text: `${'😀'.repeat(10)}'; DROP TABLE mentions; --`, truncated: false });
  });
});

describe('named reads through the SQL endpoint', () => {
  it('decode the same rows as in-process', async () => {
    const queries: ReadQuery<unknown>[] = [
      staleMentionCountQuery('v2'),
      sourceStatusQuery(),
      mentionSeriesQuery({ ...range, bySource: true }),
      aspectSeriesQuery({ ...range, aspects: ['support'] }),
      topNegativeMentionsQuery({ ...range, aspect: 'support' }),
    ];
    for (const query of queries) {
      expect(await viaEndpoint(query), query.name).toEqual(await runReadQuery(store, query));
    }
    expect(await viaEndpoint(staleMentionCountQuery('v2'))).toBe(await countStaleMentions(store, 'v2'));
    expect(await countStaleMentions(store, 'v2')).toBe(8); // 10 rows, 2 rescored to v2
  });

  it('names the read when ClickHouse fails', async () => {
    const broken: ReadQuery<unknown> = { ...staleMentionCountQuery('v1'), sql: 'SELECT nope FROM mentions' };
    await expect(runReadQuery(store, broken)).rejects.toThrow(/stale mention count/);
  });
});
