/**
 * Alert benchmarks, embedded chDB, no Temporal (the watch workflow is its activities plus a few ms of
 * Temporal bookkeeping):
 * - watch cost per run at `brands` × `sources` on `mentions` stored mentions (default 100 × 10, 10 M), after
 *   the detectors learned the history: a run in which no bucket completes (four runs in five at the default
 *   1-minute interval) and a run that steps one complete bucket into every detector;
 * - alert latency: from a spike's mentions being stored to the alert recorded = the wait for the next watch
 *   run (at most one interval) + the run itself; the bench stores a burst and times the run that records it.
 * Usage: npm run bench:alerts [-- <mentions> <brands> <sources per brand> <days of history>]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createAlertActivities } from '../activities/alerts.js';
import { parseConfigText } from '../core/config/index.js';
import { createStore } from '../storage/client.js';
import { upsertMentions } from '../storage/mentions.js';
import { migrate } from '../storage/migrations/index.js';
import { insertSyntheticMentions } from '../storage/synthetic.js';
import { spikeHistory } from '../test/support/spike-mentions.js';
import { composeAlertDeps } from '../worker/alerts.js';

const count = Number(process.argv[2] ?? 10_000_000);
const brands = Number(process.argv[3] ?? 100);
const sources = Number(process.argv[4] ?? 10);
const historyDays = Number(process.argv[5] ?? 7);
const DAY = 86_400_000;
const BUCKET = 300_000;

const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-alerts-'));
const logger = pino({ level: 'warn' });
const store = await createStore({ mode: 'embedded', dataDir: dir }, logger);
try {
  await migrate(store);
  // A clock the bench moves: the history end at `now0`, on a bucket boundary + 30 s.
  const now0 = Math.floor(Date.now() / BUCKET) * BUCKET - BUCKET + 30_000;
  let t = performance.now();
  const chunk = 2_000_000;
  for (let offset = 0; offset < count; offset += chunk) {
    await insertSyntheticMentions(store, {
      count: Math.min(chunk, count - offset),
      offset,
      brands,
      sourcesPerBrand: sources,
      from: now0 - historyDays * DAY,
      to: now0,
    });
  }
  console.log(
    `stored ${count.toLocaleString()} mentions (${brands} brands × ${sources} sources, ${historyDays} days) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const yaml = `brands:\n${Array.from({ length: brands }, (_, b) => `  - { key: brand-${b}, name: Brand ${b}, query: brand${b} }`).join('\n')}
sources:
${Array.from({ length: sources }, (_, s) => `  - { id: src-${s}, type: demo, brands: [${Array.from({ length: brands }, (_, b) => `brand-${b}`).join(', ')}] }`).join('\n')}
alerts:
  enabled: true
  channels: { terminal: { type: log } }
`;
  const config = parseConfigText(yaml, 'bench config');
  let now = now0;
  const activities = createAlertActivities(composeAlertDeps(config, {}, store, logger, () => now));
  t = performance.now();
  const learned = await activities.watchAlerts();
  console.log(
    `first run (detectors learn ${historyDays} days of history): ${((performance.now() - t) / 1000).toFixed(1)} s, ${learned.history} past incident(s)`,
  );

  const timeRun = async (label: string, advanceMs: number, runs = 3): Promise<void> => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      now += advanceMs;
      const started = performance.now();
      await activities.watchAlerts();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${label}: median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms (of ${runs}, min ${times[0]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms)`,
    );
  };
  await timeRun('watch run, no bucket completes', 1_000);
  await timeRun('watch run, one bucket completes in every detector', BUCKET);

  // Latency: a 45-minute burst for one brand, stored in 5-minute steps as a poll would; each step is
  // followed by the next watch run; the alert is recorded by the run after the step that crosses the threshold.
  const brand = 'brand-0';
  const burst = spikeHistory({
    brand,
    sourceId: 'src-0',
    end: now + 45 * 60_000,
    days: 0,
    spikeMinutes: 45,
    spikePerMinute: 40,
  });
  for (let step = 0; step < 9; step++) {
    now += BUCKET;
    await upsertMentions(
      store,
      burst.filter((m) => m.published_at < now && m.published_at >= now - BUCKET),
    );
    const started = performance.now();
    const result = await activities.watchAlerts();
    const runMs = performance.now() - started;
    if (result.opened > 0) {
      console.log(
        `alert latency: recorded by the first watch run after the triggering mentions were stored (after ${step + 1} bucket(s) of burst): ` +
          `run ${runMs.toFixed(0)} ms + wait for the run ≤ alerts.interval (60 s) → ≤ ${(60 + runMs / 1000).toFixed(1)} s`,
      );
      break;
    }
    if (step === 8) console.log('alert latency: the burst did not open an incident');
  }
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
