/**
 * Dashboard panel query latency on embedded chDB: generates N mentions (default 10 M) over one year for 10
 * brands inside ClickHouse (storage/synthetic-year.ts) plus a year of ingest runs, then runs every panel query,
 * expanded exactly as Grafana + the ClickHouse plugin would, for the last 24 h, 30 d and 1 y, and prints
 * p50 / p95 per panel and range. Variables: one brand, its two competitors, all sources and aspects.
 * Target: p95 ≤ 150 ms per panel. No assertions.
 *
 * Run: npx tsx bench/dashboards.ts [mentions=10000000] [runs=15] [data dir to keep / reuse]
 * With a data dir that already holds the generated rows, generation is skipped; runs = 0 only generates.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../core/logger.js';
import { PANELS, expandPanelSql, grafanaIntervalSeconds } from '../dashboards/panels/index.js';
import { createStore } from '../storage/client.js';
import { migrate } from '../storage/migrations/index.js';
import { runPanelQuery } from '../storage/panel-query.js';
import { queryObjects } from '../storage/query.js';
import { generateSyntheticYear, generateSyntheticYearRuns } from '../storage/synthetic-year.js';

const count = Number(process.argv[2] ?? 10_000_000);
const runs = Number(process.argv[3] ?? 15);
const keep = process.argv[4];
const dir = keep ?? mkdtempSync(join(tmpdir(), 'earshot-bench-dash-'));
const reuse = keep !== undefined && existsSync(join(keep, 'store'));

const DAY = 86_400_000;
const end = Date.UTC(2026, 10, 30);
const start = end - 365 * DAY;
const brands = Array.from({ length: 10 }, (_, i) => `brand${i}`);

const store = await createStore({ mode: 'embedded', dataDir: join(dir, 'store') }, silentLogger);
await migrate(store);
const [existing] = await queryObjects<{ n: string }>(store, 'SELECT count() AS n FROM mentions');
if (!reuse || Number(existing?.n) < count) {
  const t0 = performance.now();
  await generateSyntheticYear(store, {
    count,
    brands,
    fromMs: start,
    toMs: end,
    onProgress: (n) => process.stderr.write(`\rgenerated ${n.toLocaleString('en')} mentions`),
  });
  await generateSyntheticYearRuns(store, {
    sourceIds: [
      'reddit-main',
      'hackernews-main',
      'appstore-main',
      'mastodon-main',
      'youtube-main',
      'rss-main',
    ],
    fromMs: start,
    toMs: end,
    everyMs: 5 * 60_000,
  });
  process.stderr.write(`\ngenerated in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
}
const [sizes] = await queryObjects<Record<string, string>>(
  store,
  `SELECT (SELECT count() FROM mentions) AS mentions, (SELECT count() FROM mention_hourly) AS mention_hourly_rows,
     (SELECT count() FROM aspect_hourly) AS aspect_hourly_rows, (SELECT count() FROM ingest_runs) AS ingest_runs`,
);
console.log(`data: ${JSON.stringify(sizes)}`);
if (runs === 0) {
  // generate only (keep the data dir to measure later)
  await store.close();
  process.exit(0);
}

const ranges: Array<[string, number]> = [
  ['24 h', DAY],
  ['30 d', 30 * DAY],
  ['1 y', 365 * DAY],
];
const variables = {
  brand: ['brand0'],
  competitor: ['brand1', 'brand2'],
  source: 'All',
  aspect: 'All',
} as const;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const rows: string[] = [];
let over = 0;
for (const panel of PANELS) {
  const cells: string[] = [];
  for (const [, span] of ranges) {
    const from = new Date(end - span);
    const to = new Date(end);
    const sql = expandPanelSql(panel.sql, {
      from,
      to,
      intervalSeconds: grafanaIntervalSeconds(from, to, { minIntervalSeconds: panel.minIntervalSeconds }),
      variables,
    });
    await runPanelQuery(store, sql); // warm-up
    const times: number[] = [];
    const budget = performance.now() + 20_000; // slow panels: fewer runs, at least 3
    for (let i = 0; i < runs && (i < 3 || performance.now() < budget); i++) {
      const t = performance.now();
      await runPanelQuery(store, sql);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    if (p95 > 150) over += 1;
    cells.push(`${percentile(times, 50).toFixed(0)} / ${p95.toFixed(0)}${p95 > 150 ? ' ⚠' : ''}`);
  }
  rows.push(`| ${panel.id} | ${cells.join(' | ')} |`);
  process.stderr.write(`${rows.at(-1)}\n`);
}
console.log(
  `\n${count.toLocaleString('en')} mentions, 10 brands, 1 year; p50 / p95 ms (${runs} runs, ⚠ = p95 > 150 ms)\n`,
);
console.log(`| panel | ${ranges.map(([name]) => name).join(' | ')} |`);
console.log(`| --- | ${ranges.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(row);
console.log(`\n${over} of ${PANELS.length * ranges.length} panel × range cells above 150 ms at p95.`);

await store.close();
if (!keep) rmSync(dir, { recursive: true, force: true });
