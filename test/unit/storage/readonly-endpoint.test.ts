import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { newBearerToken, startHttpHost, type HttpHost } from '../../../platform/http-host/index.js';
import type { Store } from '../../../storage/client.js';
import { QueryRejectedError } from '../../../storage/errors.js';
import { upsertMentions } from '../../../storage/mentions.js';
import { queryReadOnly } from '../../../storage/query.js';
import {
  SQL_ENDPOINT_FILE,
  publishSqlEndpoint,
  querySqlEndpoint,
  sqlQueryRoute,
  startSqlEndpoint,
} from '../../../storage/sql-endpoint.js';
import { mention, openTestStore } from './helpers.js';

let store: Store;
let dataDir: string;
let cleanup: () => Promise<void>;
let endpoint: HttpHost;
let unpublish: () => void;
beforeAll(async () => {
  ({ store, dataDir, cleanup } = await openTestStore());
  // Composed as `earshot up` does: the route on the process's host, then the discovery file.
  const token = newBearerToken();
  endpoint = await startHttpHost({ logger: silentLogger, routes: [sqlQueryRoute(store, token)] });
  unpublish = publishSqlEndpoint(dataDir, { port: endpoint.port, token });
});
afterAll(async () => {
  unpublish();
  await endpoint.close();
  await cleanup();
});

const WRITES = [
  "INSERT INTO mentions (brand) VALUES ('x')",
  'DROP TABLE mentions',
  'TRUNCATE TABLE mention_hourly',
  "ALTER TABLE mentions DELETE WHERE brand = 'acme'",
  'CREATE TABLE evil (a UInt8) ENGINE = Memory',
  'SET readonly = 0',
  "SELECT * FROM file('/etc/passwd', 'LineAsString')",
];

describe('queryReadOnly', () => {
  it.each(WRITES)('refuses %s', async (sql) => {
    await expect(queryReadOnly(store, sql)).rejects.toBeInstanceOf(QueryRejectedError);
  });

  it('refuses several statements in one text, but not a semicolon inside a string or comment', async () => {
    await expect(queryReadOnly(store, 'SELECT 1; DROP TABLE mentions')).rejects.toThrow(/2 statements/);
    const ok = await queryReadOnly(store, "SELECT 'a;b' AS s /* ; */ -- ;\n;");
    expect(ok).toEqual({ columns: [{ name: 's', type: 'String' }], rows: [['a;b']] });
  });

  it('still lets the pipeline write after refusing (the read-only session is separate)', async () => {
    await expect(upsertMentions(store, [mention({ brand: 'after-refusal' })])).resolves.toMatchObject({
      inserted: 1,
    });
    const { rows } = await queryReadOnly(store, "SELECT count() FROM mentions WHERE brand = 'after-refusal'");
    expect(rows).toEqual([['1']]);
  });

  it('returns 64-bit integers as strings and binds parameters', async () => {
    const result = await queryReadOnly(store, 'SELECT toUInt64({n:UInt64}) + 1 AS n', {
      n: '9007199254740993',
    });
    expect(result).toEqual({ columns: [{ name: 'n', type: 'UInt64' }], rows: [['9007199254740994']] });
  });
});

describe('SQL endpoint', () => {
  const file = (): string => join(dataDir, SQL_ENDPOINT_FILE);
  const info = (): { port: number; token: string; pid: number } => JSON.parse(readFileSync(file(), 'utf8'));

  it('writes an owner-only discovery file with port, 32-byte token and pid', () => {
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    expect(info()).toEqual({
      port: expect.any(Number),
      token: expect.stringMatching(/^[0-9a-f]{64}$/),
      pid: process.pid,
    });
    expect(endpoint.url).toBe(`http://127.0.0.1:${info().port}`);
  });

  it('answers 401 without the token or with a wrong one', async () => {
    const body = JSON.stringify({ sql: 'SELECT 1' });
    expect((await fetch(`${endpoint.url}/query`, { method: 'POST', body })).status).toBe(401);
    const wrong = { authorization: `Bearer ${'0'.repeat(64)}` };
    const refused = await fetch(`${endpoint.url}/query`, { method: 'POST', body, headers: wrong });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({
      error: { message: `Missing or wrong bearer token (see ${SQL_ENDPOINT_FILE})` },
    });
  });

  it("answers rows as JSON, and a refused query with 400 and ClickHouse's code", async () => {
    const headers = { authorization: `Bearer ${info().token}`, 'content-type': 'application/json' };
    const query = (body: unknown): Promise<Response> =>
      fetch(`${endpoint.url}/query`, { method: 'POST', headers, body: JSON.stringify(body) });
    const ok = await query({ sql: 'SELECT {n:UInt8} AS n', params: { n: 7 } });
    expect(await ok.json()).toEqual({ columns: [{ name: 'n', type: 'UInt8' }], rows: [[7]] });
    const refused = await query({ sql: 'DROP TABLE mentions' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: { message: expect.any(String), code: '164' } });
    expect((await query({ sql: 1 })).status).toBe(400);
    expect((await query({ sql: 'SELECT 1', params: [] })).status).toBe(400);
    const get = await fetch(`${endpoint.url}/query`, { headers });
    expect(get.status).toBe(405);
    expect((await fetch(`${endpoint.url}/other`, { method: 'POST', headers })).status).toBe(404);
  });

  it('refuses oversized bodies and malformed requests with JSON errors', async () => {
    const headers = { authorization: `Bearer ${info().token}` };
    const big = await fetch(`${endpoint.url}/query`, {
      method: 'POST',
      headers,
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
    const bad = await fetch(`${endpoint.url}/query`, { method: 'POST', headers, body: '{' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { message: expect.any(String) } });
  });

  it('refuses writes through the endpoint', async () => {
    for (const sql of WRITES)
      await expect(querySqlEndpoint(dataDir, sql)).rejects.toBeInstanceOf(QueryRejectedError);
    const { rows } = await queryReadOnly(store, 'EXISTS TABLE mentions');
    expect(rows).toEqual([[1]]);
  });

  it('round-trips hostile text exactly (written by the writer, read back as JSON through the endpoint)', async () => {
    const controls =
      Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f\u0085\u2028';
    const hostile = [
      "'); DROP TABLE mentions; --",
      '{brand:String} $$ $tag$ \\N \\\\ \\\' " ` ',
      'emoji 😀👩🏽‍💻 and 中文 and RTL \u202e',
      controls,
      'long:' + 'x😀\n'.repeat(100_000 / 4),
    ];
    const mentions = hostile.map((text, i) =>
      mention({ brand: 'hostile', native_id: `h${i}`, text, author: text.slice(0, 200), title: text }),
    );
    mentions.push(mention({ brand: 'hostile', native_id: 'surrogates', text: 'a\ud800b\udc00c😀' }));
    await upsertMentions(store, mentions);
    const result = await querySqlEndpoint(
      dataDir,
      'SELECT native_id, text, author, title FROM mentions FINAL WHERE brand = {b:String} ORDER BY native_id',
      { b: 'hostile' },
    );
    expect(result?.rows).toEqual([
      ...hostile.map((text, i) => [`h${i}`, text, text.slice(0, 200), text]),
      ['surrogates', 'a\ufffdb\ufffdc😀', 'alice', null],
    ]);
  });

  it('is treated as absent when the file is missing or its pid is dead', async () => {
    const saved = readFileSync(file(), 'utf8');
    writeFileSync(file(), JSON.stringify({ ...info(), pid: 2 ** 22 + 12345 }), { mode: 0o600 });
    expect(await querySqlEndpoint(dataDir, 'SELECT 1')).toBeNull();
    writeFileSync(file(), saved, { mode: 0o600 });
    expect(await querySqlEndpoint(join(dataDir, 'nowhere'), 'SELECT 1')).toBeNull();
  });

  it('leaves a discovery file that is no longer its own', async () => {
    const dir = join(dataDir, 'clickhouse');
    const first = publishSqlEndpoint(dir, { port: 1, token: 'a' });
    const second = publishSqlEndpoint(dir, { port: 2, token: 'b' });
    first();
    expect(JSON.parse(readFileSync(join(dir, SQL_ENDPOINT_FILE), 'utf8'))).toMatchObject({ token: 'b' });
    second();
    second();
    expect(existsSync(join(dir, SQL_ENDPOINT_FILE))).toBe(false);
  });

  it('startSqlEndpoint serves the route alone and removes its file on close', async () => {
    const other = await startSqlEndpoint(store, {
      dataDir: join(dataDir, 'clickhouse'),
      logger: silentLogger,
    });
    expect(existsSync(join(dataDir, 'clickhouse', SQL_ENDPOINT_FILE))).toBe(true);
    await other.close();
    expect(existsSync(join(dataDir, 'clickhouse', SQL_ENDPOINT_FILE))).toBe(false);
    expect(await querySqlEndpoint(join(dataDir, 'clickhouse'), 'SELECT 1')).toBeNull();
  });
});
