/** Shared helpers for the storage tests: a real chDB store in a fresh temp dir, and mention builders. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import type { Mention } from '../../../core/mention.js';
import { createStore, type Store } from '../../../storage/client.js';
import { migrate } from '../../../storage/migrations/index.js';

/** Opens a migrated embedded store in a new temp dir; chDB allows one data dir per process (one per test file). */
export async function openTestStore(): Promise<{
  store: Store;
  dataDir: string;
  cleanup: () => Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'earshot-storage-'));
  const store = await createStore({ mode: 'embedded', dataDir: join(dataDir, 'clickhouse') }, silentLogger);
  await migrate(store);
  return {
    store,
    dataDir,
    cleanup: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a migrated test store before the file's tests (then runs `onOpen`, which keeps the store and may
 * seed it) and removes it after them.
 */
export function useTestStore(onOpen: (store: Store) => unknown): void {
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await openTestStore();
    cleanup = opened.cleanup;
    await onOpen(opened.store);
  });
  afterAll(async () => cleanup?.());
}

const HOUR = 3_600_000;
/** 2026-03-02 10:00 UTC */
export const T0 = Date.UTC(2026, 2, 2, 10);

/** A valid scored mention; override any field. */
export function mention(overrides: Partial<Mention> = {}): Mention {
  return {
    source: 'reddit',
    source_id: 'reddit-main',
    native_id: 't3_abc',
    brand: 'acme',
    kind: 'post',
    url: 'https://reddit.com/r/x/t3_abc',
    author: 'alice',
    text: 'Acme support was great',
    lang: 'en',
    published_at: T0 + 5 * 60_000,
    fetched_at: T0 + HOUR,
    engagement: { likes: 3, shares: 1, replies: 2, score: 7 },
    sentiment: 0.6,
    label: 'positive',
    confidence: 0.8,
    aspects: [{ aspect: 'support', sentiment: 0.7 }],
    scorer_version: 'v1',
    story_id: 's1',
    ...overrides,
  };
}
