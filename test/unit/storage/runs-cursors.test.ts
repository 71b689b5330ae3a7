import { describe, expect, it } from 'vitest';
import type { Store } from '../../../storage/client.js';
import { loadCursor, saveCursor } from '../../../storage/cursors.js';
import { upsertMentions } from '../../../storage/mentions.js';
import { recordIngestRun, sourceStatus, type IngestRun } from '../../../storage/runs.js';
import { T0, mention, useTestStore } from './helpers.js';

let store: Store;
useTestStore((opened) => (store = opened));

const run = (overrides: Partial<IngestRun> = {}): IngestRun => ({
  runId: 'r1',
  workflowId: 'ingest:reddit:reddit-main',
  sourceId: 'reddit-main',
  source: 'reddit',
  brands: ['acme'],
  startedAt: T0,
  finishedAt: T0 + 1500,
  pages: 2,
  fetched: 40,
  new: 30,
  updated: 2,
  unchanged: 8,
  skippedInvalid: 1,
  errors: 0,
  status: 'ok',
  ...overrides,
});

describe('connector cursors', () => {
  it('returns null before the first save, then the latest saved value', async () => {
    expect(await loadCursor(store, 'rss-1')).toBeNull();
    await saveCursor(store, 'rss-1', { after: 'a' });
    await saveCursor(store, 'rss-1', { after: 'b', seen: ["it's", '😀'] });
    await saveCursor(store, 'rss-2', 17);
    expect(await loadCursor(store, 'rss-1')).toEqual({ after: 'b', seen: ["it's", '😀'] });
    expect(await loadCursor(store, 'rss-2')).toBe(17);
  });

  it('keeps the last of many rapid saves (versions strictly increase)', async () => {
    for (let i = 0; i < 20; i++) await saveCursor(store, 'fast', i);
    expect(await loadCursor(store, 'fast')).toBe(19);
  });
});

describe('ingest runs and source status', () => {
  it('reports the latest run, the last success and the stored volume per source', async () => {
    await recordIngestRun(store, run());
    await recordIngestRun(store, run()); // a retried record of the same run
    await recordIngestRun(
      store,
      run({
        runId: 'r2',
        startedAt: T0 + 60_000,
        finishedAt: T0 + 61_000,
        status: 'rate_limited',
        errors: 1,
        errorType: 'RateLimitedError',
        errorMessage: 'retry after 30 s',
      }),
    );
    await recordIngestRun(store, run({ runId: 'h1', sourceId: 'hn', source: 'hn' }));
    await upsertMentions(store, [mention({ native_id: '1' }), mention({ native_id: '2' })]);
    await upsertMentions(store, [mention({ native_id: 'z', source_id: 'forum', source: 'discourse' })]);

    const status = await sourceStatus(store);
    expect(status.map((s) => s.sourceId)).toEqual(['forum', 'hn', 'reddit-main']);
    expect(status[2]).toEqual({
      sourceId: 'reddit-main',
      source: 'reddit',
      lastRunAt: T0 + 60_000,
      lastStatus: 'rate_limited',
      lastFetched: 40,
      lastNew: 30,
      lastUpdated: 2,
      lastErrors: 1,
      lastErrorType: 'RateLimitedError',
      lastErrorMessage: 'retry after 30 s',
      lastOkAt: T0 + 1500,
      runs: 2,
      totalMentions: 2,
    });
    expect(status[0]).toMatchObject({ source: 'discourse', lastRunAt: null, runs: 0, totalMentions: 1 });
    expect(status[1]).toMatchObject({ lastStatus: 'ok', totalMentions: 0 });
  });
});
