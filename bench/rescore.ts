/**
 * Rescoring throughput, embedded: stores N demo mentions, then re-scores all of them with the rescore
 * activity exactly as the rescore workflow calls it (batches of RESCORE_BATCH_SIZE, in key order), under a scorer
 * version of its own so every row really changes and is written back with its previous state. Prints
 * mentions/s and CPU µs per mention of the rescore, peak RSS, and whether the hourly aggregate still
 * equals the stored rows. The Temporal overhead per batch (one activity) is not included; bench:pipeline
 * measures it for ingest (2–4 µs per mention).
 *
 * Usage: npm run bench:rescore [-- <mentions>]   (default 200000; BENCH_BATCH=<n> for another batch size)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { pino } from 'pino';
import { ingestBatch } from '../activities/ingest-page.js';
import { createRescoreActivities } from '../activities/rescore.js';
import type { RescoreBatchResult } from '../activities/types.js';
import { parseConfigText } from '../core/config/index.js';
import { RESCORE_BATCH_SIZE } from '../core/temporal-names.js';
import { createStore } from '../storage/client.js';
import { migrate } from '../storage/migrations/index.js';
import { queryObjects } from '../storage/query.js';
import { composeActivityDeps } from '../worker/compose.js';
import { loadConfigYaml } from './load-config.js';

const target = Number(process.argv[2] ?? 200_000);
const BATCH = Number(process.env.BENCH_BATCH ?? RESCORE_BATCH_SIZE); // the rescore workflow's default
const config = parseConfigText(
  loadConfigYaml(
    'load',
    `{ seed: 1, backlog: ${target}, maxPerPage: 10000, backfillHours: 0, ratePerMinute: 0 }`,
  ),
);

const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-rescore-'));
const logger = pino({ level: 'warn' });
const store = await createStore({ mode: 'embedded', dataDir: dir }, logger);
try {
  await migrate(store);
  const deps = await composeActivityDeps({ config, env: {}, store, logger });
  const source = deps.sources.get('load')!;
  let cursor: unknown = null;
  for (;;) {
    const batch = await ingestBatch(deps, source, source.connector, cursor);
    cursor = batch.cursor;
    if (batch.caughtUp) break;
  }

  // A scorer version no stored row has: every mention is stale and is rewritten (state hash changes).
  const analyzer = deps.analyzer;
  const renamed = { version: `${analyzer.version}+bench`, analyze: analyzer.analyze.bind(analyzer) };
  const activities = createRescoreActivities({ ...deps, analyzer: renamed });
  const environment = new MockActivityEnvironment();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let rescored = 0;
  let after: string | undefined;
  do {
    const result: RescoreBatchResult = await environment.run(() =>
      activities.rescoreBatch({ scorerVersion: renamed.version, after, batchSize: BATCH }),
    );
    rescored += result.rescored;
    after = result.next;
  } while (after !== undefined);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);

  const [check] = await queryObjects<{ volume: string; rows: string; stale: string }>(
    store,
    `SELECT (SELECT toString(sum(volume)) FROM mention_hourly) AS volume,
            (SELECT toString(count()) FROM mentions FINAL) AS rows,
            (SELECT toString(countIf(scorer_version != {v:String})) FROM mentions FINAL) AS stale`,
    { v: renamed.version },
  );
  console.log(`rescore (select stale → score → upsert with previous state), ${target} stored mentions`);
  console.log(
    `  ${rescored.toLocaleString('en')} mentions in ${seconds.toFixed(1)} s → ` +
      `${Math.round(rescored / seconds).toLocaleString('en')} mentions/s`,
  );
  console.log(
    `  CPU (all threads, chDB's included): ${((cpu.user + cpu.system) / Math.max(rescored, 1)).toFixed(1)} µs per mention`,
  );
  console.log(`  peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  console.log(
    `  aggregates exact: sum(volume) of mention_hourly = ${check!.volume}, mentions FINAL = ${check!.rows}, ` +
      `left stale = ${check!.stale} → ${check!.volume === check!.rows && check!.stale === '0' ? 'yes' : 'NO'}`,
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
