/**
 * `npx tsx bench/http-store.ts`: the embedded store's ClickHouse HTTP interface against the same queries
 * in-process (a chDB session of the same engine): queries/s and p95 of a small panel query with 8 concurrent
 * clients (@clickhouse/client over HTTP vs 8 in-process sessions), and rows/s of a 1 M-row result in
 * JSONEachRow and in the binary formats clients default to (Native as clickhouse-go reads it, with
 * client_protocol_version, and RowBinary), the HTTP side reading the response bytes as a client would. Prints
 * figures only; run it on a quiet machine (it shares cores with chDB's own threads).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
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

const p95 = (ms: number[]): number => [...ms].sort((a, b) => a - b)[Math.floor(ms.length * 0.95)]!;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function concurrent(run: (client: number) => Promise<void>): Promise<{ qps: number; p95: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        const t = performance.now();
        await run(c);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { qps: (CLIENTS * PER_CLIENT * 1000) / (performance.now() - started), p95: p95(latencies) };
}

// In-process: one chDB session per client on the same engine, database and format.
const sessions = Array.from({ length: CLIENTS }, () => new Session(join(dir, 'clickhouse')));
for (const s of sessions) await s.queryAsync('USE earshot', { format: 'TSV' });
const http = Array.from({ length: CLIENTS }, () =>
  createClient({
    url: served.url,
    username: 'grafana',
    password: served.credentials.grafana,
    database: 'earshot',
  }),
);
await concurrent(async (c) => void (await sessions[c]!.queryAsync(PANEL, { format: 'JSONEachRow' }))); // warm-up
const panelDirect = await concurrent(
  async (c) => void (await sessions[c]!.queryAsync(PANEL, { format: 'JSONEachRow' })),
);
const panelHttp = await concurrent(async (c) => {
  await (await http[c]!.query({ query: PANEL, format: 'JSONEachRow' })).json();
});

async function directRows(format: string): Promise<number> {
  const t = performance.now();
  let bytes = 0;
  for await (const chunk of sessions[0]!.queryStream(BIG, { format })) bytes += chunk.raw().length;
  if (bytes === 0) throw new Error('no bytes');
  return 1_000_000 / ((performance.now() - t) / 1000);
}

async function httpRows(format: string, extra = ''): Promise<number> {
  const t = performance.now();
  const response = await fetch(
    `${served.url}/?default_format=${format}${extra}&query=${encodeURIComponent(BIG)}`,
    { headers: { 'X-ClickHouse-User': 'analyst', 'X-ClickHouse-Key': served.credentials.analyst } },
  );
  let bytes = 0;
  for await (const chunk of response.body!) bytes += (chunk as Uint8Array).length;
  if (!response.ok || bytes === 0) throw new Error(`HTTP ${response.status}`);
  return 1_000_000 / ((performance.now() - t) / 1000);
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

const overhead = (direct: number, viaHttp: number): string =>
  `${(((direct - viaHttp) / direct) * 100).toFixed(0)}%`;
console.log(`panel query, ${CLIENTS} concurrent clients x ${PER_CLIENT} queries (JSONEachRow, 72 rows):`);
console.log(`| path         | queries/s | p95 ms |`);
console.log(`| ------------ | --------: | -----: |`);
console.log(`| in-process   | ${fmt(panelDirect.qps)} | ${panelDirect.p95.toFixed(1)} |`);
console.log(`| HTTP (@clickhouse/client) | ${fmt(panelHttp.qps)} | ${panelHttp.p95.toFixed(1)} |`);
console.log(`\n1 M-row result (best of 3), rows/s:`);
console.log(`| format | in-process | HTTP | overhead |`);
console.log(`| ------ | ---------: | ---: | -------: |`);
for (const [label, direct, viaHttp] of large) {
  console.log(`| ${label} | ${fmt(direct)} | ${fmt(viaHttp)} | ${overhead(direct, viaHttp)} |`);
}

for (const c of http) await c.close();
for (const s of sessions) s.close();
await served.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
