/**
 * Ingest throughput, embedded: demo connector → brand matching → sentiment → near-duplicate story ids →
 * idempotent store in chDB, exactly the code path of the ingest activity (without Temporal's own
 * per-page overhead). Prints mentions/s, then the bytes each table takes (sizing for docs/deploy.md).
 * Stages are timed one after another (no read-ahead here), so their CPU adds up to the total.
 * Usage: npm run bench:ingest [-- <mentions>]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { ingestBatch } from '../activities/ingest-page.js';
import { parseConfigText } from '../core/config/index.js';
import { createStore } from '../storage/client.js';
import { migrate } from '../storage/migrations/index.js';
import { tableSizes } from '../storage/table-sizes.js';
import { composeActivityDeps } from '../worker/compose.js';
import { loadConfigYaml } from './load-config.js';

const target = Number(process.argv[2] ?? 50_000);
const config = parseConfigText(
  loadConfigYaml(
    'demo',
    `{ seed: 1, ratePerMinute: 1000, backfillHours: ${Math.ceil(target / 1000 / 60) + 1}, maxPerPage: 500 }`,
  ),
);

const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-'));
const logger = pino({ level: 'warn' });
const store = await createStore({ mode: 'embedded', dataDir: dir }, logger);
try {
  await migrate(store);
  const deps = await composeActivityDeps({ config, env: {}, store, logger });
  const source = deps.sources.get('demo')!;
  // Where the time goes: fetch (demo generator), store (upsertMentions: chDB read + insert + row encoding),
  // the rest is toMentions (brand matching, sentiment, story ids). Wall time is meaningless on a loaded
  // machine, so each stage also records the process CPU (all threads: chDB parses and merges on its own)
  // spent while it ran; the stages run one after another, so the CPU splits between them.
  const spent = { fetch: 0, encode: 0, store: 0 };
  const cpuSpent = { fetch: 0, encode: 0, store: 0 };
  const cpuMicros = (): number => {
    const usage = process.cpuUsage();
    return usage.user + usage.system;
  };
  const timed =
    <A extends unknown[], R>(key: keyof typeof spent, fn: (...args: A) => R) =>
    (...args: A): R => {
      const started = performance.now();
      const cpuStarted = cpuMicros();
      const done = (): void => {
        spent[key] += performance.now() - started;
        cpuSpent[key] += cpuMicros() - cpuStarted;
      };
      const result = fn(...args);
      if (result instanceof Promise) return result.finally(done) as R;
      done();
      return result;
    };
  const fetchPage = source.connector.fetchPage.bind(source.connector);
  source.connector.fetchPage = timed('fetch', fetchPage);
  // The writer's batch: normalize + hash + encode as scored slices are added, then read + insert at store().
  const createBatch = deps.store.createBatch!.bind(deps.store);
  deps.store.createBatch = () => {
    const batch = createBatch();
    return { add: timed('encode', batch.add.bind(batch)), store: timed('store', batch.store.bind(batch)) };
  };
  let cursor: unknown = null;
  let stored = 0;
  let fetched = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  while (stored < target) {
    const page = await ingestBatch(deps, source, source.connector, cursor);
    cursor = page.cursor;
    stored += page.new + page.updated;
    fetched += page.fetched;
    if (page.caughtUp) break;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `ingest (demo → match → score → story → chDB upsert): ${fetched} records, ${stored} mention rows`,
  );
  console.log(
    `  ${seconds.toFixed(2)} s → ${Math.round(stored / seconds).toLocaleString('en')} mentions/s stored`,
  );
  const cpu = process.cpuUsage(cpuBefore);
  console.log(
    `  CPU (all threads, chDB's included): ${((cpu.user + cpu.system) / 1000 / seconds / 10).toFixed(0)} % of one core, ` +
      `${((cpu.user + cpu.system) / Math.max(stored, 1)).toFixed(1)} µs per mention`,
  );
  const perRow = (ms: number): string => `${((ms * 1000) / Math.max(stored, 1)).toFixed(1)} µs`;
  const rest = seconds * 1000 - spent.fetch - spent.encode - spent.store;
  console.log(
    `  wall per mention: fetch ${perRow(spent.fetch)}, match + score + story ${perRow(rest)}, ` +
      `encode ${perRow(spent.encode)}, store (read + insert) ${perRow(spent.store)}`,
  );
  const cpuRest = cpu.user + cpu.system - cpuSpent.fetch - cpuSpent.encode - cpuSpent.store;
  console.log(
    `  CPU per mention: fetch ${perRow(cpuSpent.fetch / 1000)}, match + score + story ${perRow(cpuRest / 1000)}, ` +
      `encode ${perRow(cpuSpent.encode / 1000)}, store (read + insert) ${perRow(cpuSpent.store / 1000)}`,
  );
  const memory = process.resourceUsage();
  console.log(`  peak RSS: ${(memory.maxRSS / 1024).toFixed(0)} MiB`);

  const again = performance.now();
  const replay = await ingestBatch(deps, source, source.connector, null);
  console.log(
    `  idempotent re-ingest of the first page: ${replay.unchanged} unchanged, ${replay.new} new in ${((performance.now() - again) / 1000).toFixed(2)} s`,
  );

  // Active parts as written (before background merges, which shrink them a little further).
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  console.log(`storage after ${stored.toLocaleString('en')} mention rows (active parts, compressed / raw):`);
  for (const size of await tableSizes(store)) {
    const perMention =
      size.table === 'mentions'
        ? `, ${(size.compressedBytes / Math.max(size.rows, 1)).toFixed(0)} B per row`
        : '';
    console.log(
      `  ${size.table.padEnd(20)} ${size.rows.toLocaleString('en').padStart(11)} rows  ${mib(size.compressedBytes).padStart(10)} / ${mib(size.uncompressedBytes)}${perMention}`,
    );
  }
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
