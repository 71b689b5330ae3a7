/**
 * End-to-end ingest throughput through the real workflow: `earshot up` (Temporal dev server, workers, chDB)
 * on a demo source whose first poll returns a backlog of N mentions, exactly as a user reproduces a load.
 * Prints mentions/s from the first stored mention to the last, the CPU the `up` process and the Temporal
 * server spent per mention, peak RSS of `up`, and whether the hourly aggregate equals the stored rows.
 *
 * With BENCH_BACKFILL=1 the same mentions come from `earshot backfill` instead: the demo source streams
 * 1,000 mentions a minute, and a backfill of the last N / 1,000 minutes runs through the backfill workflow
 * (the CLI with its progress bar, as a user starts it) while `up` runs.
 *
 * Usage: npm run bench:pipeline [-- <mentions> [maxPerPage]]   (default 200000 mentions, 10000 per page)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@clickhouse/client';
import { readHttpEndpoint } from '../storage/clickhouse-http/discovery.js';
import { readHttpUsers } from '../storage/clickhouse-http/users.js';
import { tableSizesQuery } from '../storage/table-sizes.js';
import { loadConfigYaml } from './load-config.js';

const target = Number(process.argv[2] ?? 200_000);
const perPage = Number(process.argv[3] ?? 10_000);
const backfill = Boolean(process.env.BENCH_BACKFILL);
const RATE = 1000; // the demo's highest ratePerMinute
const bin = fileURLToPath(new URL('../bin/earshot.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'earshot-pipeline-'));
const configPath = join(dir, 'load.yaml');
writeFileSync(
  configPath,
  loadConfigYaml(
    'load',
    backfill
      ? `{ seed: 1, backlog: 0, maxPerPage: ${perPage}, backfillHours: 0, ratePerMinute: ${RATE}, spikeEveryHours: 0 }`
      : `{ seed: 1, backlog: ${target}, maxPerPage: ${perPage}, backfillHours: 0, ratePerMinute: 0 }`,
    '    interval: 1h\n',
  ),
);

/** utime + stime of a process in µs, and its children's that have exited (chDB threads are in utime). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / 100; // USER_HZ is 100 on Linux
}
const peakRssMiB = (pid: number): number =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
/** Direct children of `pid` (the Temporal dev server of `up`). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const up = spawn(
  process.execPath,
  [
    ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    bin,
    'up',
    '--config',
    configPath,
    '--data-dir',
    dir,
    '--temporal-port',
    '0',
    '--ui-port',
    '0',
  ],
  {
    env: {
      ...process.env,
      EARSHOT_LOG_LEVEL: process.env.BENCH_LOG ? 'debug' : 'warn',
      EARSHOT_LOG_FORMAT: 'json',
    },
    stdio: ['ignore', process.env.BENCH_STDOUT ? 'inherit' : 'ignore', 'pipe'],
  },
);
let log = '';
up.stderr.on('data', (d: Buffer) => (log += d.toString()));
const pid = up.pid!;

try {
  const deadline = Date.now() + 30 * 60_000;
  while (!/up in [\d.]+ s/.test(log)) {
    if (up.exitCode !== null || Date.now() > deadline) throw new Error(`earshot up did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const endpoint = readHttpEndpoint(dir);
  const users = readHttpUsers(dir);
  if (!endpoint || !users) throw new Error(`no ClickHouse HTTP endpoint published in ${dir}`);
  const client = createClient({
    url: endpoint.url,
    username: 'analyst',
    password: users.analyst,
    database: endpoint.database,
  });
  const count = async (sql: string): Promise<number> => {
    const rs = await client.query({ query: sql, format: 'JSONEachRow' });
    return Number(((await rs.json()) as Array<{ n: string }>)[0]!.n);
  };

  const temporalPids = childrenOf(pid);
  const cpuAt = (): { up: number; temporal: number } => ({
    up: cpuMicros(pid),
    temporal: temporalPids.reduce((sum, p) => sum + cpuMicros(p), 0),
  });
  let first: { at: number; stored: number; cpu: ReturnType<typeof cpuAt> } | undefined;
  let stored = 0;
  // Backfill: the last `target / RATE` whole minutes before the first poll, through the CLI.
  const to = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  const from = to - Math.ceil(target / RATE) * 60_000;
  const storedSql = backfill
    ? `SELECT count() AS n FROM mentions WHERE published_at < fromUnixTimestamp64Milli(${to})`
    : "SELECT count() AS n FROM mentions WHERE native_id LIKE '%-backlog-%'";
  const cli = backfill
    ? spawn(
        process.execPath,
        [
          bin,
          'backfill',
          '--source',
          'load',
          '--from',
          new Date(from).toISOString(),
          '--to',
          new Date(to).toISOString(),
          '--config',
          configPath,
          '--data-dir',
          dir,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      )
    : undefined;
  let cliLog = '';
  cli?.stderr.on('data', (d: Buffer) => (cliLog += d.toString()));
  cli?.stdout.on('data', (d: Buffer) => (cliLog += d.toString()));
  const done = async (): Promise<boolean> => (cli ? cli.exitCode !== null : stored >= target);
  while (!(await done())) {
    if (up.exitCode !== null || Date.now() > deadline)
      throw new Error(`stopped at ${stored} mentions:\n${log}`);
    stored = await count(storedSql);
    if (stored > 0 && !first) first = { at: performance.now(), stored, cpu: cpuAt() };
    await new Promise((r) => setTimeout(r, 250));
  }
  if (cli && cli.exitCode !== 0) throw new Error(`earshot backfill failed (${cli.exitCode}):\n${cliLog}`);
  stored = await count(storedSql);
  const seconds = (performance.now() - first!.at) / 1000;
  const cpu = cpuAt();
  const rows = stored - first!.stored;
  const perMention = (micros: number): string => `${(micros / Math.max(rows, 1)).toFixed(1)} µs`;
  const volume = await count('SELECT toString(sum(volume)) AS n FROM mention_hourly');
  const finalRows = await count('SELECT count() AS n FROM mentions FINAL');
  console.log(
    backfill
      ? `pipeline (earshot backfill → backfill workflow → activity → chDB, beside earshot up), ${stored} mentions`
      : `pipeline (earshot up: Temporal schedule → ingest workflow → activity → chDB), backlog ${target}`,
  );
  console.log(
    `  ${rows.toLocaleString('en')} mentions in ${seconds.toFixed(1)} s from the first stored one → ` +
      `${Math.round(rows / seconds).toLocaleString('en')} mentions/s`,
  );
  console.log(
    `  CPU per mention: up process ${perMention(cpu.up - first!.cpu.up)} (workers, scoring, chDB), ` +
      `Temporal server ${perMention(cpu.temporal - first!.cpu.temporal)}`,
  );
  console.log(`  peak RSS of up: ${peakRssMiB(pid).toFixed(0)} MiB`);
  console.log(
    `  aggregates exact: sum(volume) of mention_hourly = ${volume}, mentions FINAL = ${finalRows} → ${volume === finalRows ? 'yes' : 'NO'}`,
  );
  // Sizing (docs/deploy.md): active parts as written, before background merges shrink them further.
  const sizes = tableSizesQuery(endpoint.database);
  const parts = await client.query({ query: sizes.sql, query_params: sizes.params, format: 'JSONEachRow' });
  const mib = (bytes: unknown): string => `${(Number(bytes) / 1024 / 1024).toFixed(1)} MiB`;
  console.log('  table sizes (rows, compressed / raw):');
  for (const t of await parts.json<{
    table: string;
    rows: string;
    compressed: string;
    uncompressed: string;
  }>()) {
    if (Number(t.rows) === 0) continue;
    console.log(
      `    ${t.table.padEnd(20)} ${Number(t.rows).toLocaleString('en').padStart(11)}  ${mib(t.compressed).padStart(10)} / ${mib(t.uncompressed)}`,
    );
  }
  if (process.env.BENCH_THREADS) {
    // CPU by thread name of `up` (main thread = "node"/"MainThread"; chDB's pools; V8 and libuv workers).
    const byName = new Map<string, number>();
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name =
          stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) +
          (tid === String(pid) ? ' (main)' : ` ${tid}`);
        const f = stat.split(') ')[1]!.split(' ');
        byName.set(name, (byName.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) * 10_000);
      } catch {
        /* thread exited */
      }
    }
    for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 15))
      console.log(`    ${name.padEnd(18)} ${(us / 1e6).toFixed(1)} s`);
  }
  if (process.env.BENCH_LOG) printStoreTimings(log);
  await client.close();
} finally {
  up.kill('SIGINT');
  await new Promise((r) => up.once('close', r));
  rmSync(dir, { recursive: true, force: true });
}

/** With BENCH_LOG=1: the writer's per-batch chDB times (stored-state read, insert) over the run, by decile. */
function printStoreTimings(output: string): void {
  const batches = output
    .split('\n')
    .filter((line) => line.includes('"upserted mentions"'))
    .map((line) => JSON.parse(line) as { readMs: number; insertMs: number; inserted: number });
  console.log('  per batch of the writer (wall ms): stored-state read, insert; by tenth of the run');
  const tenth = Math.max(1, Math.ceil(batches.length / 10));
  for (let i = 0; i < batches.length; i += tenth) {
    const part = batches.slice(i, i + tenth);
    const mean = (f: (b: (typeof part)[number]) => number): string =>
      (part.reduce((s, b) => s + f(b), 0) / part.length).toFixed(0).padStart(5);
    console.log(
      `    batches ${String(i + 1).padStart(4)}–${String(i + part.length).padEnd(4)} read ${mean((b) => b.readMs)}  insert ${mean((b) => b.insertMs)}`,
    );
  }
}
