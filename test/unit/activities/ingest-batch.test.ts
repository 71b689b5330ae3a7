import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../matching/index.js';
import { ingestBatch, type BatchDeps } from '../../../activities/ingest-page.js';
import type { ResolvedSource } from '../../../activities/ports.js';
import type { Connector, PageResult } from '../../../core/connector.js';
import { RateLimitedError } from '../../../core/errors.js';
import type { FetchedMention, Mention } from '../../../core/mention.js';

const record = (id: number): FetchedMention => ({
  source: 'fake',
  native_id: String(id),
  kind: 'post',
  url: `https://example.com/${id}`,
  author: 'someone',
  text: id % 5 === 0 ? 'nothing to see' : `acme post ${id}`,
  published_at: 1_700_000_000_000 + id,
  engagement: { likes: 0, shares: 0, replies: 0, score: 0 },
});

/** A connector serving `pages` pages of 10 records; page `failAt` throws instead. */
function connector(pages: number, failAt?: number): Connector<number> {
  return {
    check: async () => ({ ok: true }),
    async fetchPage(cursor): Promise<PageResult<number>> {
      const page = cursor ?? 0;
      if (page === failAt) throw new RateLimitedError('slow down', 'fake', 5_000);
      const records = Array.from({ length: 10 }, (_, i) => record(page * 10 + i));
      return { mentions: records, cursor: page + 1, caughtUp: page + 1 >= pages, skippedInvalid: 1 };
    },
  };
}

function setup(): { deps: BatchDeps; source: ResolvedSource; upserts: (readonly Mention[])[] } {
  const upserts: (readonly Mention[])[] = [];
  const deps: BatchDeps = {
    now: Date.now,
    analyzer: {
      version: 'test',
      analyze: () => ({ sentiment: 0, label: 'neutral' as const, confidence: 1, aspects: [], lang: 'en' }),
    },
    stories: { assign: (text: string) => text },
    store: {
      async upsertMentions(mentions) {
        upserts.push(mentions);
        return { inserted: mentions.length, updated: 0, unchanged: 0, invalid: 0 };
      },
    },
  };
  const source: ResolvedSource = {
    config: { id: 'fake-1', type: 'fake' },
    connector: connector(0),
    brands: [{ key: 'acme', matches: compileMatcher('acme') }],
  };
  return { deps, source, upserts };
}

describe('ingestBatch', () => {
  it("waits for the source's pacer before every page request", async () => {
    const { deps, source } = setup();
    const order: string[] = [];
    const pages = connector(3);
    const paced: ResolvedSource = {
      ...source,
      pace: async () => {
        order.push('pace');
      },
    };
    const fetchPage = pages.fetchPage.bind(pages);
    pages.fetchPage = async (cursor) => {
      order.push('fetch');
      return fetchPage(cursor);
    };
    await ingestBatch(deps, paced, pages, null);
    expect(order).toEqual(['pace', 'fetch', 'pace', 'fetch', 'pace', 'fetch']);
  });

  it('gathers pages until caught up and stores them in one upsert', async () => {
    const { deps, source, upserts } = setup();
    const batch = await ingestBatch(deps, source, connector(4), null);
    expect(upserts).toHaveLength(1);
    expect(batch).toMatchObject({
      pages: 4,
      fetched: 40,
      new: 32,
      unmatched: 8,
      skippedInvalid: 4,
      caughtUp: true,
    });
    expect(batch.cursor).toBe(4);
    expect(upserts[0]!.every((m) => m.brand === 'acme' && m.source_id === 'fake-1')).toBe(true);
  });

  it('stops at the batch limits and returns the cursor of the last page it stored', async () => {
    const { deps, source, upserts } = setup();
    const batch = await ingestBatch(deps, source, connector(100), 10, () => {}, {
      mentions: 1_000,
      pages: 3,
      millis: 60_000,
    });
    expect(batch).toMatchObject({ pages: 3, caughtUp: false, cursor: 13 });
    expect(upserts[0]).toHaveLength(24);
  });

  it('keeps the pages fetched before a failure and hands the error back', async () => {
    const { deps, source, upserts } = setup();
    const batch = await ingestBatch(deps, source, connector(10, 2), null);
    expect(batch.pages).toBe(2);
    expect(batch.cursor).toBe(2);
    expect(upserts[0]).toHaveLength(16);
    expect(batch.deferredError).toBeInstanceOf(RateLimitedError);
  });

  it('counts records the store could not hold as skipped, not as failures', async () => {
    const { deps, source } = setup();
    deps.store.upsertMentions = async (mentions) => ({
      inserted: mentions.length - 2,
      updated: 0,
      unchanged: 0,
      invalid: 2,
    });
    const batch = await ingestBatch(deps, source, connector(1), null);
    expect(batch).toMatchObject({ new: 6, skippedInvalid: 1 + 2, caughtUp: true });
  });

  it('throws when the very first page fails, storing nothing', async () => {
    const { deps, source, upserts } = setup();
    await expect(ingestBatch(deps, source, connector(10, 0), null)).rejects.toBeInstanceOf(RateLimitedError);
    expect(upserts).toHaveLength(0);
  });
});
