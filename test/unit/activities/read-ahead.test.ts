/**
 * The read-ahead of ingest batches: the next activity takes the batch read while the one before was
 * stored, but only from the exact cursor it was read from; cursors move only after their batch is stored.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it, vi } from 'vitest';
import { ingestFromCursor, type BatchDeps, type CollectedBatch } from '../../../activities/ingest-page.js';
import type { CursorStore, ResolvedSource } from '../../../activities/ports.js';
import type { BackfillPageResult } from '../../../activities/types.js';
import { ReadAhead } from '../../../activities/read-ahead.js';
import type { Connector, PageResult } from '../../../core/connector.js';
import type { FetchedMention, Mention } from '../../../core/mention.js';
import { compileMatcher } from '../../../matching/index.js';

const batch = (cursor: number): CollectedBatch => ({
  pending: { add: () => {}, store: async () => ({ inserted: 0, updated: 0, unchanged: 0, invalid: 0 }) },
  size: 0,
  pages: 1,
  fetched: 0,
  skippedInvalid: 0,
  unmatched: 0,
  caughtUp: false,
  cursor,
});

describe('ReadAhead', () => {
  it('hands a batch to the next take from the same cursor and scorer version, once', async () => {
    const ahead = new ReadAhead();
    ahead.start('src', { page: 2 }, 'v1', async () => batch(3));
    expect(ahead.size).toBe(1);
    expect((await ahead.take('src', { page: 2 }, 'v1'))?.cursor).toBe(3);
    expect(ahead.size).toBe(0);
    expect(await ahead.take('src', { page: 2 }, 'v1')).toBeUndefined();
  });

  it('discards a batch read from another cursor, for another scorer version, or that failed', async () => {
    const ahead = new ReadAhead();
    ahead.start('src', { page: 2 }, 'v1', async () => batch(3));
    expect(await ahead.take('src', { page: 1 }, 'v1')).toBeUndefined();
    expect(ahead.size).toBe(0);
    ahead.start('src', { page: 2 }, 'v1', async () => batch(3));
    expect(await ahead.take('src', { page: 2 }, 'v2')).toBeUndefined();
    ahead.start('src', null, 'v1', () => Promise.reject(new Error('HTTP 503')));
    expect(await ahead.take('src', null, 'v1')).toBeUndefined();
    // Other keys are kept apart.
    ahead.start('a', 1, 'v1', async () => batch(2));
    expect(await ahead.take('b', 1, 'v1')).toBeUndefined();
    expect((await ahead.take('a', 1, 'v1'))?.cursor).toBe(2);
  });

  it('drops an unclaimed batch after its time to live, so a stopped ingest frees the memory', () => {
    vi.useFakeTimers();
    try {
      const ahead = new ReadAhead(1_000);
      ahead.start('src', 1, 'v1', async () => batch(2));
      vi.advanceTimersByTime(999);
      expect(ahead.size).toBe(1);
      vi.advanceTimersByTime(1);
      expect(ahead.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

const record = (id: number): FetchedMention => ({
  source: 'fake',
  native_id: String(id),
  kind: 'post',
  url: `https://example.com/${id}`,
  author: 'someone',
  text: `acme post ${id}`,
  published_at: 1_700_000_000_000 + id,
  engagement: { likes: 0, shares: 0, replies: 0, score: 0 },
});

describe('ingestFromCursor with a read-ahead', () => {
  /** Pages of 10 records; page `cursor` is fetched by `fetchPage(cursor)`, `pages` of them in all. */
  function setup(pages: number) {
    const fetched: number[] = [];
    const events: string[] = [];
    const stored: Mention[] = [];
    const cursors = new Map<string, unknown>();
    const connector: Connector<number> = {
      check: async () => ({ ok: true }),
      async fetchPage(cursor): Promise<PageResult<number>> {
        const page = cursor ?? 0;
        fetched.push(page);
        events.push(`fetch ${page}`);
        const mentions = Array.from({ length: 10 }, (_, i) => record(page * 10 + i));
        return { mentions, cursor: page + 1, caughtUp: page + 1 >= pages, skippedInvalid: 0 };
      },
    };
    const store: BatchDeps['store'] & CursorStore = {
      async upsertMentions(mentions) {
        events.push(`store ${mentions.length}`);
        for (const m of mentions) stored.push(m);
        return { inserted: mentions.length, updated: 0, unchanged: 0, invalid: 0 };
      },
      loadCursor: async (key) => cursors.get(key),
      async saveCursor(key, cursor) {
        events.push(`save ${String(cursor)}`);
        cursors.set(key, cursor);
      },
    };
    const deps = {
      now: Date.now,
      analyzer: {
        version: 'test',
        analyze: () => ({ sentiment: 0, label: 'neutral' as const, confidence: 1, aspects: [], lang: 'en' }),
      },
      stories: { assign: (text: string) => text },
      store,
      readAhead: new ReadAhead(),
    };
    const source: ResolvedSource = {
      config: { id: 'fake-1', type: 'fake' },
      connector,
      brands: [{ key: 'acme', matches: compileMatcher('acme') }],
    };
    // One page per batch, so each activity stores one page.
    const limits = { mentions: 10, pages: 1, millis: 60_000 };
    const activity = (): Promise<BackfillPageResult> =>
      new MockActivityEnvironment().run(() =>
        ingestFromCursor(deps, source, connector, 'fake-1', limits),
      ) as Promise<BackfillPageResult>;
    return { activity, deps, fetched, events, stored, cursors };
  }

  it('stores every page once, in order, and fetches each page once when the activities follow each other', async () => {
    const { activity, fetched, stored, cursors, deps } = setup(3);
    expect((await activity()).caughtUp).toBe(false);
    expect((await activity()).caughtUp).toBe(false);
    expect((await activity()).caughtUp).toBe(true);
    expect(fetched).toEqual([0, 1, 2]);
    expect(stored.map((m) => m.native_id)).toEqual(Array.from({ length: 30 }, (_, i) => String(i)));
    expect(cursors.get('fake-1')).toBe(3);
    // Caught up: nothing is read ahead.
    expect(deps.readAhead.size).toBe(0);
  });

  it('saves no cursor for a batch read ahead: an activity that dies after its store resumes from there', async () => {
    const { activity, events, cursors, fetched } = setup(5);
    await activity();
    // Page 1 was read ahead; its cursor is not saved, nothing of it is stored.
    await vi.waitFor(() => expect(fetched).toEqual([0, 1]));
    expect(events.filter((e) => !e.startsWith('fetch'))).toEqual(['store 10', 'save 1']);
    expect(cursors.get('fake-1')).toBe(1);
  });

  it('reads the batch itself when the stored cursor moved elsewhere (another worker ran the activity)', async () => {
    const { activity, fetched, cursors } = setup(5);
    await activity(); // reads page 1 ahead
    cursors.set('fake-1', 3); // another worker stored pages 1 and 2 meanwhile
    await activity();
    expect(fetched).toEqual([0, 1, 3, 4]);
    expect(cursors.get('fake-1')).toBe(4);
  });
});
