/**
 * Storage throughput on embedded chDB: `upsertMentions` in batches of 1,000 new mentions, then the same
 * batches again (all unchanged), then rescored (all updated). Prints rows/s; no assertions.
 * Run: npx tsx bench/storage.ts [batches=20] [batch size=1000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../core/logger.js';
import type { Mention } from '../core/mention.js';
import { createStore } from '../storage/client.js';
import { upsertMentions } from '../storage/mentions.js';
import { migrate } from '../storage/migrations/index.js';

const batches = Number(process.argv[2] ?? 20);
const BATCH = Number(process.argv[3] ?? 1_000);
const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-'));
const store = await createStore({ mode: 'embedded', dataDir: dir }, silentLogger);
await migrate(store);

const t0 = Date.UTC(2026, 0, 1);
const make = (i: number, label: Mention['label'] = 'positive'): Mention => ({
  source: 'reddit',
  source_id: `reddit-${i % 3}`,
  native_id: `t3_${i}`,
  brand: ['acme', 'globex', 'initech'][i % 3]!,
  kind: 'post',
  url: `https://reddit.com/r/x/${i}`,
  author: `user${i % 5000}`,
  text: `Post number ${i} about the brand, with some words to make it look like a real post. `.repeat(3),
  lang: 'en',
  published_at: t0 + i * 1_000,
  fetched_at: t0 + i * 1_000 + 60_000,
  engagement: { likes: i % 100, shares: i % 7, replies: i % 13, score: i % 50 },
  sentiment: label === 'positive' ? 0.5 : -0.5,
  label,
  confidence: 0.8,
  aspects: [{ aspect: ['price', 'support', 'delivery'][i % 3]!, sentiment: 0.3 }],
  scorer_version: label === 'positive' ? 'v1' : 'v2',
  story_id: `s${i}`,
});

async function phase(name: string, label: Mention['label']): Promise<void> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let totals = { inserted: 0, updated: 0, unchanged: 0 };
  for (let b = 0; b < batches; b++) {
    const rows = Array.from({ length: BATCH }, (_, k) => make(b * BATCH + k, label));
    const r = await upsertMentions(store, rows);
    totals = {
      inserted: totals.inserted + r.inserted,
      updated: totals.updated + r.updated,
      unchanged: totals.unchanged + r.unchanged,
    };
  }
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round((batches * BATCH) / seconds);
  const cpu = process.cpuUsage(cpuBefore);
  const cpuPerRow = ((cpu.user + cpu.system) / (batches * BATCH)).toFixed(1);
  console.log(
    `${name.padEnd(22)} ${String(rate).padStart(8)} rows/s  ${cpuPerRow.padStart(6)} µs CPU/row  (${batches} × ${BATCH} in ${seconds.toFixed(2)} s) ${JSON.stringify(totals)}`,
  );
}

await phase('new mentions', 'positive');
await phase('re-ingest (unchanged)', 'positive');
await phase('rescored (updated)', 'negative');
await store.close();
rmSync(dir, { recursive: true, force: true });
