/**
 * `npx tsx bench/alerts-detect.ts`: speed of `earshot alerts detect` over two months of 5-minute rows
 * (17,280 rows): through the CLI as a user runs it (process start included), in-process on the same CSV
 * code, and the bare detector step. Prints figures only.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createDetector } from '../alerts/detect/index.js';
import { generateSeries } from '../alerts/evaluate/generate.js';
import { detectCsv } from '../cli/alerts/detect-csv.js';

const series = generateSeries(777, 0, 'spike', 60);
const iso = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
const csv =
  ['timestamp,value', ...series.starts.map((t, i) => `${iso(t)},${series.counts[i]}`)].join('\n') + '\n';
const rows = series.counts.length;
const bin = fileURLToPath(new URL('../bin/earshot.js', import.meta.url));

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

const cli: number[] = [];
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, 'alerts', 'detect'], { input: csv, maxBuffer: 64 << 20 });
  cli.push(performance.now() - t);
  if (r.status !== 0) throw new Error(`earshot alerts detect failed: ${r.stderr.toString()}`);
}
const bestCli = Math.min(...cli);
console.log(`rows: ${fmt(rows)} (60 days of 5-minute buckets)`);
console.log(
  `earshot alerts detect (process start included): ${(bestCli / 1000).toFixed(2)} s, ${fmt((rows * 1000) / bestCli)} rows/s (best of 3)`,
);

const inProcess: number[] = [];
for (let k = 0; k < 5; k++) {
  const t = performance.now();
  detectCsv(csv, { sensitivity: 'medium', strict: false });
  inProcess.push(performance.now() - t);
}
const bestIn = Math.min(...inProcess);
console.log(
  `in-process (parse CSV + detect + JSON lines): ${fmt((rows * 1000) / bestIn)} rows/s (${bestIn.toFixed(0)} ms)`,
);

const steps: number[] = [];
for (let k = 0; k < 5; k++) {
  const d = createDetector('volume_spike', { intervalMs: series.intervalMs });
  const t = performance.now();
  for (let i = 0; i < rows; i++) d.step({ start: series.starts[i]!, count: series.counts[i]! });
  steps.push(performance.now() - t);
}
const bestStep = Math.min(...steps);
console.log(`detector step alone: ${fmt((rows * 1000) / bestStep)} buckets/s`);
