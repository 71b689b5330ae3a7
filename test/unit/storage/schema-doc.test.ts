import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../storage/client.js';
import { upsertMentions } from '../../../storage/mentions.js';
import { queryReadOnly } from '../../../storage/query.js';
import { recordIngestRun } from '../../../storage/runs.js';
import { mention, useTestStore } from './helpers.js';

const doc = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../docs/schema.md'), 'utf8');
const queries = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());

let store: Store;
useTestStore(async (opened) => {
  store = opened;
  const now = Date.now();
  await upsertMentions(store, [
    mention({ native_id: 'a', published_at: now - 3_600_000, label: 'negative', sentiment: -0.7 }),
    mention({
      native_id: 'b',
      brand: 'rival',
      published_at: now - 7_200_000,
      rating: { value: 2, scale: 5 },
    }),
    mention({ native_id: 'c', source_id: 'hn', source: 'hn', published_at: now - 60_000, story_id: 's1' }),
  ]);
  await recordIngestRun(store, {
    runId: 'r',
    workflowId: 'w',
    sourceId: 'reddit-main',
    source: 'reddit',
    brands: ['acme'],
    startedAt: now - 60_000,
    finishedAt: now,
    pages: 1,
    fetched: 0,
    new: 0,
    updated: 0,
    unchanged: 0,
    skippedInvalid: 0,
    errors: 1,
    status: 'rate_limited',
    errorType: 'RateLimitedError',
    errorMessage: 'slow down',
  });
});

describe('docs/schema.md', () => {
  it('has 8–12 example queries', () => {
    expect(queries.length).toBeGreaterThanOrEqual(8);
    expect(queries.length).toBeLessThanOrEqual(12);
  });

  it.each(queries.map((q, i) => [i + 1, q]))('runs example query %i', async (_n, sql) => {
    const result = await queryReadOnly(store, sql as string);
    expect(result.columns.length).toBeGreaterThan(0);
  });

  it('returns data for the headline queries on seeded mentions', async () => {
    const [netSentiment, shareOfVoice, topNegative] = await Promise.all(
      queries.slice(0, 3).map((q) => queryReadOnly(store, q)),
    );
    expect(netSentiment!.rows.length).toBeGreaterThan(0);
    expect(shareOfVoice!.rows.map((r) => r[0]).sort()).toEqual(['acme', 'rival']);
    expect(topNegative!.rows).toHaveLength(1);
  });
});
