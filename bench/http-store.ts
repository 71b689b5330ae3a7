/**
 * `npx tsx bench/http-store.ts`: the embedded store's ClickHouse HTTP interface against the same queries
 * in-process (a chDB session of the same engine): queries/s and p95 of a small panel query with 8 concurrent
 * clients (@clickhouse/client over HTTP vs 8 in-process sessions), and rows/s of a 1 M-row result in
 * JSONEachRow and in the binary formats clients default to (Native as clickhouse-go reads it, with
 * client_protocol_version, and RowBinary), the HTTP side reading the response bytes as a client would. The
 * HTTP clients run in a child process, as a real client does (in this process they would share the server's
 * event loop). Prints figures only; run it on a quiet machine (it shares cores with chDB's own threads).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Session } from 'chdb';
import { pino } from 'pino';
import { createStore } from '../storage/client.js';
import { serveStoreOverHttp } from '../storage/clickhouse-http/index.js';
import { internals } from '../storage/internals.js';

const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-http-'));
const store = await createStore(
  { mode: 'embedded', dataDir: join(dir, 'clickhouse') },
  pino({ level: 'silent' }),
);
const { client: admin } = internals(store);
await admin.command({
  query:
    'CREATE TABLE earshot.bench_events (t DateTime, brand LowCardinality(String), sentiment Float32) ENGINE = MergeTree ORDER BY (brand, t)',
});
await admin.command({
  query:
    "INSERT INTO earshot.bench_events SELECT toDateTime('2026-11-01 00:00:00') + number * 30, ['acme', 'globex', 'initech'][number % 3 + 1], (number % 200) / 100 - 1 FROM numbers(300000)",
});
const served = await serveStoreOverHttp(store, {
  dataDir: dir,
  logger: store.logger,
  limits: { maxConcurrentQueries: 8 },
});

const PANEL =
  "SELECT toStartOfHour(t) AS hour, brand, count() AS n, avg(sentiment) AS s FROM bench_events WHERE t >= '2026-11-20 00:00:00' AND t < '2026-11-21 00:00:00' GROUP BY hour, brand ORDER BY hour, brand";
const BIG = 'SELECT number, toString(number) AS s, number * 2 AS d FROM numbers(1000000)';
const CLIENTS = 8;
const PER_CLIENT = 40;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Runs `script` (an ES module body) in a child Node process with the server's URL and passwords. */
async function inChild<T>(script: string): Promise<T> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      ...process.env,
      CH_URL: served.url,
      CH_GRAFANA: served.credentials.grafana,
      CH_ANALYST: served.credentials.analyst,
    },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as T;
}

// In-process: one chDB session per client on the same engine, database and format.
const sessions = Array.from({ length: CLIENTS }, () => new Session(join(dir, 'clickhouse')));
for (const s of sessions) await s.queryAsync('USE earshot', { format: 'TSV' });
async function panelDirect(): Promise<{ qps: number; p95: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    sessions.map(async (session) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        const t = performance.now();
        await session.queryAsync(PANEL, { format: 'JSONEachRow' });
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    qps: (CLIENTS * PER_CLIENT * 1000) / (performance.now() - started),
    p95: latencies[Math.floor(latencies.length * 0.95)]!,
  };
}
await panelDirect(); // warm-up
const direct = await panelDirect();
const viaHttp = await inChild<{ qps: number; p95: number }>(`
  import { createClient } from '@clickhouse/client';
  const clients = Array.from({ length: ${CLIENTS} }, () =>
    createClient({ url: process.env.CH_URL, username: 'grafana', password: process.env.CH_GRAFANA, database: 'earshot' }));
  const latencies = [];
  const run = () => Promise.all(clients.map(async (c) => {
    for (let i = 0; i < ${PER_CLIENT}; i++) {
      const t = performance.now();
      await (await c.query({ query: ${JSON.stringify(PANEL)}, format: 'JSONEachRow' })).json();
      latencies.push(performance.now() - t);
    }
  }));
  await run();
  latencies.length = 0;
  const started = performance.now();
  await run();
  const qps = (${CLIENTS * PER_CLIENT} * 1000) / (performance.now() - started);
  latencies.sort((a, b) => a - b);
  console.log(JSON.stringify({ qps, p95: latencies[Math.floor(latencies.length * 0.95)] }));
  await Promise.all(clients.map((c) => c.close()));
`);

async function directRows(format: string): Promise<number> {
  const t = performance.now();
  let bytes = 0;
  for await (const chunk of sessions[0]!.queryStream(BIG, { format })) bytes += chunk.raw().length;
  if (bytes === 0) throw new Error('no bytes');
  return 1_000_000 / ((performance.now() - t) / 1000);
}

async function httpRows(format: string, extra = ''): Promise<number> {
  const { ms } = await inChild<{ ms: number }>(`
    await (await fetch(process.env.CH_URL + '/ping')).text(); // load and connect the HTTP client first
    const t = performance.now();
    const response = await fetch(process.env.CH_URL + '/?default_format=${format}${extra}&query=' + encodeURIComponent(${JSON.stringify(BIG)}),
      { headers: { 'X-ClickHouse-User': 'analyst', 'X-ClickHouse-Key': process.env.CH_ANALYST } });
    let bytes = 0;
    for await (const chunk of response.body) bytes += chunk.length;
    if (!response.ok || bytes === 0) throw new Error('HTTP ' + response.status);
    console.log(JSON.stringify({ ms: performance.now() - t }));
  `);
  return 1_000_000 / (ms / 1000);
}

const best = async (f: () => Promise<number>): Promise<number> => Math.max(await f(), await f(), await f());
const large: Array<[string, number, number]> = [];
for (const [label, format, extra] of [
  ['JSONEachRow', 'JSONEachRow', ''],
  ['Native (clickhouse-go, client_protocol_version)', 'Native', '&client_protocol_version=54460'],
  ['RowBinary', 'RowBinary', ''],
] as const) {
  large.push([label, await best(() => directRows(format)), await best(() => httpRows(format, extra))]);
}

const overhead = (a: number, b: number): string => `${(((a - b) / a) * 100).toFixed(0)}%`;
console.log(`panel query, ${CLIENTS} concurrent clients x ${PER_CLIENT} queries (JSONEachRow, 72 rows):`);
console.log('| path | queries/s | p95 ms |');
console.log('| ---- | --------: | -----: |');
console.log(`| in-process (8 chDB sessions) | ${fmt(direct.qps)} | ${direct.p95.toFixed(1)} |`);
console.log(`| HTTP (@clickhouse/client, child process) | ${fmt(viaHttp.qps)} | ${viaHttp.p95.toFixed(1)} |`);
console.log('\n1 M-row result (best of 3), rows/s:');
console.log('| format | in-process | HTTP | overhead |');
console.log('| ------ | ---------: | ---: | -------: |');
for (const [label, a, b] of large) console.log(`| ${label} | ${fmt(a)} | ${fmt(b)} | ${overhead(a, b)} |`);

for (const s of sessions) s.close();
await served.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
