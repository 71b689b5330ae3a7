/**
 * Client conformance of the embedded store's ClickHouse HTTP interface, run with official clients that no
 * one here wrote: @clickhouse/client (JS) in this process and clickhouse-go v2 over HTTP (built from
 * test/conformance/clickhouse-go with the Go toolchain). Each client is used the way its documentation
 * shows: ping, selects in JSON and in its default binary format, bound parameters of several types, a
 * large streamed result, an insert by the writer, refused writes/DDL, a bad password, an exception as the
 * driver's own error type, compression on.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseError, createClient, type ClickHouseClient } from '@clickhouse/client';
import { Session } from 'chdb';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../storage/client.js';
import {
  serveStoreOverHttp,
  type ServedStore,
  USERS_FILE,
  ENDPOINT_FILE,
} from '../../storage/clickhouse-http/index.js';
import { internals } from '../../storage/internals.js';
import { migrate } from '../../storage/migrations/index.js';
import { buildClickHouseGoConformance, runClickHouseGo, type GoOutcome } from '../support/clickhouse-go.js';

let dataDir: string;
let store: Store;
let served: ServedStore;
const clients: ClickHouseClient[] = [];

function client(
  user: 'analyst' | 'grafana' | 'writer',
  extra: Parameters<typeof createClient>[0] = {},
): ClickHouseClient {
  const c = createClient({
    url: served.url,
    username: user,
    password: served.credentials[user],
    database: 'earshot',
    compression: { request: true, response: true },
    log: { level: 127 as never }, // failures are asserted, not printed
    ...extra,
  });
  clients.push(c);
  return c;
}

async function refusal(promise: Promise<unknown>): Promise<ClickHouseError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ClickHouseError);
    return error as ClickHouseError;
  }
  throw new Error('expected the server to refuse');
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'earshot-ch-http-'));
  store = await createStore(
    { mode: 'embedded', dataDir: join(dataDir, 'clickhouse') },
    pino({ level: 'silent' }),
  );
  await migrate(store);
  const { client: admin } = internals(store);
  for (const table of ['conformance_js', 'conformance_go']) {
    await admin.command({
      query: `CREATE TABLE earshot.${table} (id UInt64, text String, at DateTime64(3, 'UTC'), tags Array(String)) ENGINE = MergeTree ORDER BY id`,
    });
  }
  served = await serveStoreOverHttp(store, { dataDir, logger: store.logger });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await served?.close();
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('@clickhouse/client', () => {
  it('pings and keeps the users and discovery files owner-only', async () => {
    expect(await client('analyst').ping()).toEqual({ success: true });
    for (const file of [USERS_FILE, ENDPOINT_FILE])
      expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600);
  });

  it('binds String (quotes, backslash, emoji), DateTime64 and Array parameters, compressed both ways', async () => {
    const rs = await client('analyst').query({
      query:
        'SELECT {s:String} AS s, {d:DateTime64(3)} AS d, {a:Array(String)} AS a, {n:Nullable(UInt8)} AS n',
      query_params: {
        s: `it's "quoted" \\ 😀\ttab`,
        d: '2024-02-29 23:59:58.123',
        a: ['x', "y'z", '😀'],
        n: null,
      },
      format: 'JSONEachRow',
    });
    expect(rs.response_headers['content-encoding']).toBe('gzip');
    expect(await rs.json()).toEqual([
      { s: `it's "quoted" \\ 😀\ttab`, d: '2024-02-29 23:59:58.123', a: ['x', "y'z", '😀'], n: null },
    ]);
  });

  it('moves long parameters into a multipart body, as the client does past 4 KiB', async () => {
    const long = 'é'.repeat(5000);
    const rs = await client('analyst', { use_multipart_params_auto: true } as never).query({
      query: 'SELECT length({s:String}) AS n',
      query_params: { s: long },
      format: 'JSONEachRow',
    });
    expect(await rs.json()).toEqual([{ n: 10_000 }]);
  });

  it('binds a parameter larger than the parser limit (a writer key list of 600 KB)', async () => {
    const keys = Array.from({ length: 30_000 }, (_, i) => `key-${i}-${'x'.repeat(10)}`).join('\n');
    const rs = await client('writer', { use_multipart_params_auto: true } as never).query({
      query: "SELECT length(splitByChar('\\n', {keys:String})) AS n",
      query_params: { keys },
      format: 'JSONEachRow',
    });
    expect(await rs.json()).toEqual([{ n: 30_000 }]);
  });

  it('streams 1 M rows of JSONEachRow', async () => {
    const rs = await client('analyst').query({
      query: 'SELECT number AS n, toString(number) AS s FROM numbers(1000000)',
      format: 'JSONEachRow',
    });
    let rows = 0;
    let sum = 0;
    for await (const batch of rs.stream<{ n: number; s: string }>()) {
      for (const row of batch) {
        rows++;
        sum += row.json().n;
      }
    }
    expect({ rows, sum }).toEqual({ rows: 1_000_000, sum: 499_999_500_000 });
  });

  it('answers a result of many blocks as one document: one header for …WithNamesAndTypes, one JSON object', async () => {
    const query = 'SELECT number AS n FROM numbers(50000)';
    const settings = { max_block_size: '1000' };
    const compact = await client('analyst').query({
      query,
      format: 'JSONCompactEachRowWithNamesAndTypes',
      clickhouse_settings: settings,
    });
    const lines = (await compact.text()).trim().split('\n');
    expect(lines.slice(0, 2)).toEqual(['["n"]', '["UInt64"]']);
    expect(lines).toHaveLength(50_002);
    const json = await client('analyst').query({ query, format: 'JSON', clickhouse_settings: settings });
    const whole = await json.json<{ n: string }>();
    expect(whole.data).toHaveLength(50_000);
    expect(whole.rows).toBe(50_000);
  });

  it('passes the binary Parquet format through byte for byte', async () => {
    const sql = 'SELECT number, toString(number) AS s FROM numbers(1000) ORDER BY number';
    // exec hands back the raw response stream: the bytes exactly as the server sent them.
    const { stream } = await client('analyst').exec({ query: `${sql} FORMAT Parquet` });
    const chunks: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
    const direct = new Session(join(dataDir, 'clickhouse'));
    try {
      const expected = Buffer.from((await direct.queryAsync(sql, { format: 'Parquet' })).bytes());
      expect(Buffer.concat(chunks).equals(expected)).toBe(true);
      expect(expected.subarray(0, 4).toString()).toBe('PAR1');
    } finally {
      direct.close();
    }
  });

  it('sends X-ClickHouse-Summary, -Format and -Query-Id', async () => {
    const rs = await client('analyst').query({
      query: 'SELECT 1 AS x',
      format: 'JSONEachRow',
      query_id: 'conformance-qid',
    });
    expect(rs.query_id).toBe('conformance-qid');
    expect(rs.response_headers['x-clickhouse-query-id']).toBe('conformance-qid');
    expect(rs.response_headers['x-clickhouse-format']).toBe('JSONEachRow');
    expect(JSON.parse(String(rs.response_headers['x-clickhouse-summary']))).toMatchObject({ read_rows: '1' });
    await rs.close();
  });

  it('lets the writer insert, and reads it back exactly', async () => {
    const writer = client('writer');
    const values = Array.from({ length: 500 }, (_, i) => ({
      id: i,
      text: `row ${i} — "quoted" 'single' 😀`,
      at: '2024-02-29 23:59:58.123',
      tags: ['a', "b'c"],
    }));
    const { summary } = await writer.insert({ table: 'conformance_js', values, format: 'JSONEachRow' });
    expect(summary?.written_rows).toBe('500');
    const rs = await client('analyst').query({
      query:
        'SELECT count() AS n, any(text) AS t, uniqExact(id) AS u FROM conformance_js WHERE id = 7 OR id >= 0',
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<{ n: string | number; u: string | number }>();
    expect(Number(row!.n)).toBe(500);
    expect(Number(row!.u)).toBe(500);
  });

  it('refuses INSERT, DROP and CREATE for analyst and grafana with READONLY (164)', async () => {
    for (const user of ['analyst', 'grafana'] as const) {
      const c = client(user);
      for (const query of [
        "INSERT INTO mentions (native_id) VALUES ('x')",
        'DROP TABLE mentions',
        'CREATE TABLE forbidden (a UInt8) ENGINE = Memory',
      ]) {
        const error = await refusal(c.command({ query }));
        expect(error.code, `${user}: ${query}`).toBe('164');
      }
      const insert = await refusal(
        c.insert({ table: 'conformance_js', values: [{ id: 1 }], format: 'JSONEachRow' }),
      );
      expect(insert.code).toBe('164');
    }
    expect(
      await client('analyst')
        .query({ query: 'SELECT count() AS n FROM mentions', format: 'JSONEachRow' })
        .then((r) => r.json()),
    ).toHaveLength(1);
  });

  it("refuses the writer's DDL with QUERY_IS_PROHIBITED (392) and keeps the table", async () => {
    const writer = client('writer');
    for (const query of [
      'DROP TABLE conformance_js',
      'CREATE TABLE forbidden (a UInt8) ENGINE = Memory',
      'TRUNCATE TABLE conformance_js',
    ]) {
      expect((await refusal(writer.command({ query }))).code).toBe('392');
    }
    const [row] = await (
      await writer.query({ query: 'SELECT count() AS n FROM conformance_js', format: 'JSONEachRow' })
    ).json<{ n: number }>();
    expect(Number(row!.n)).toBe(500);
  });

  it('runs a writer request that asks for readonly = 1 on a read-only session (as a server-mode Store does)', async () => {
    const writer = client('writer', { clickhouse_settings: { readonly: '1' } });
    expect(await (await writer.query({ query: 'SELECT 1 AS x', format: 'JSONEachRow' })).json()).toEqual([
      { x: 1 },
    ]);
    expect(
      (await refusal(writer.command({ query: 'INSERT INTO conformance_js (id) VALUES (1)' }))).code,
    ).toBe('164');
  });

  it('refuses settings outside the allow-list, and grafana may set max_execution_time', async () => {
    const error = await refusal(
      client('analyst').query({ query: 'SELECT 1', clickhouse_settings: { allow_ddl: 1 } }),
    );
    expect(error.code).toBe('164');
    expect(error.message).toMatch(/Cannot modify 'allow_ddl'/);
    const ok = await client('grafana').query({
      query: "SELECT getSetting('max_execution_time') AS t",
      format: 'JSONEachRow',
      clickhouse_settings: { max_execution_time: 7 },
    });
    expect(await ok.json()).toEqual([{ t: 7 }]);
    expect(
      (await refusal(client('grafana').query({ query: 'SELECT 1', clickhouse_settings: { max_threads: 1 } })))
        .code,
    ).toBe('164');
  });

  it('refuses a wrong password with AUTHENTICATION_FAILED (516)', async () => {
    const bad = createClient({
      url: served.url,
      username: 'analyst',
      password: 'wrong',
      log: { level: 127 as never },
    });
    clients.push(bad);
    const error = await refusal(bad.query({ query: 'SELECT 1' }));
    expect(error.code).toBe('516');
    expect(error.type).toBe('AUTHENTICATION_FAILED');
  });

  it("raises the engine's exception as ClickHouseError, before and after the result started", async () => {
    const before = await refusal(
      client('analyst').query({ query: "SELECT throwIf(1, 'boom')", format: 'JSONEachRow' }),
    );
    expect(before.type).toBe('FUNCTION_THROW_IF_VALUE_IS_NON_ZERO');
    const unknown = await refusal(client('analyst').query({ query: 'SELECT * FROM no_such_table' }));
    expect(unknown.type).toBe('UNKNOWN_TABLE');
    const rs = await client('analyst').query({
      query: "SELECT throwIf(number = 700000, 'late boom') AS x FROM numbers(1000000)",
      format: 'JSONEachRow',
    });
    const late = await refusal(
      (async () => {
        for await (const batch of rs.stream()) void batch;
      })(),
    );
    expect(late.message).toMatch(/late boom/);
  });

  it('refuses session_id with a message naming what to use instead', async () => {
    const error = await refusal(client('analyst').query({ query: 'SELECT 1', session_id: 'abc' }));
    expect(error.message).toMatch(/Sessions \(session_id\) are not supported.*URL parameters/);
  });
});

describe('clickhouse-go v2 over HTTP', () => {
  let report: Record<string, GoOutcome>;
  beforeAll(async () => {
    const binary = await buildClickHouseGoConformance();
    report = await runClickHouseGo(binary, 'suite', {
      url: served.url,
      database: 'earshot',
      user: 'analyst',
      password: served.credentials.analyst,
      grafana: served.credentials.grafana,
      writer: served.credentials.writer,
    });
  }, 900_000);

  it('pings and binds String, DateTime64 and Array parameters in its Native format', () => {
    expect(report.ping).toEqual({ ok: true });
    expect(report.params).toEqual({
      ok: true,
      value: { s: `it's "quoted" \\ 😀`, d: '2024-02-29 23:59:58.123', a: ['x', "y'z", '😀'] },
    });
    expect(report.datetime64).toEqual({ ok: true, value: '2024-02-29T23:59:58.123Z' });
  });

  it('streams 1 M rows with arrays, nullables, LowCardinality, tuples and maps', () => {
    expect(report.stream).toEqual({ ok: true, value: { count: 1_000_000, sum: 499_999_500_000 } });
  });

  it('inserts a Native batch as writer; DDL is refused with code 392', async () => {
    expect(report['writer.insert']).toEqual({ ok: true });
    expect(report['writer.ddl']).toMatchObject({ ok: false, code: 392, errType: '*clickhouse.Exception' });
    expect(report['writer.drop']).toMatchObject({ ok: false, code: 392 });
    const rs = await client('analyst').query({
      query: "SELECT count() AS n, countIf(text LIKE '%ünïcode 😀') AS u, any(tags) AS t FROM conformance_go",
      format: 'JSONEachRow',
    });
    expect(await rs.json()).toEqual([{ n: 1000, u: 1000, t: ['a', "b'c"] }]);
  });

  it('is refused INSERT, DROP and CREATE as analyst and grafana, as *clickhouse.Exception 164', () => {
    for (const user of ['analyst', 'grafana']) {
      for (const op of ['insert', 'drop', 'create']) {
        expect(report[`${user}.${op}`], `${user}.${op}`).toMatchObject({
          ok: false,
          code: 164,
          errType: '*clickhouse.Exception',
        });
      }
    }
    expect(report['grafana.setting']).toEqual({ ok: true, value: 7 });
  });

  it('surfaces a bad password, an engine exception and an unknown table as *clickhouse.Exception', () => {
    expect(report.badPassword).toMatchObject({ ok: false, code: 516, errType: '*clickhouse.Exception' });
    expect(report.exception).toMatchObject({ ok: false, code: 395, errType: '*clickhouse.Exception' });
    expect(report.unknownTable).toMatchObject({ ok: false, code: 60, errType: '*clickhouse.Exception' });
  });

  it('works with gzip compression; LZ4 block compression is refused by name', () => {
    expect(report.gzip).toEqual({ ok: true, value: 4_999_950_000 });
    expect(report.lz4).toMatchObject({ ok: false, code: 48 });
    expect(report.lz4?.err).toMatch(/use HTTP compression \(gzip, deflate or br\)/);
  });
});
