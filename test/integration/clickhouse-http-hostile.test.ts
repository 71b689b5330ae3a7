/**
 * Hostile input against the embedded store's ClickHouse HTTP interface: malformed requests, 100 MB bodies,
 * slow clients, queries that never end and more queries than slots. Each is refused or cut with a clear
 * ClickHouse-style error while other clients keep working, and the store stays intact.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../storage/client.js';
import { serveStoreOverHttp, type ServedStore } from '../../storage/clickhouse-http/index.js';
import { migrate } from '../../storage/migrations/index.js';

let dataDir: string;
let store: Store;
let served: ServedStore;

const auth = (user: 'analyst' | 'writer'): Record<string, string> => ({
  'X-ClickHouse-User': user,
  'X-ClickHouse-Key': served.credentials[user],
});

/** A query as curl would send it; never throws for an HTTP error status. */
async function post(
  body: string | Buffer,
  options: { user?: 'analyst' | 'writer'; search?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; code: string | null; text: string }> {
  const response = await fetch(`${served.url}/?${options.search ?? ''}`, {
    method: 'POST',
    headers: { ...auth(options.user ?? 'analyst'), ...options.headers },
    body,
  });
  return {
    status: response.status,
    code: response.headers.get('x-clickhouse-exception-code'),
    text: await response.text(),
  };
}

/** Other clients are still served: a cheap query answers correctly. */
async function stillServing(): Promise<void> {
  const answer = await post('SELECT 40 + 2');
  expect(answer).toMatchObject({ status: 200, text: '42\n' });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'earshot-ch-hostile-'));
  store = await createStore(
    { mode: 'embedded', dataDir: join(dataDir, 'clickhouse') },
    pino({ level: 'silent' }),
  );
  await migrate(store);
  served = await serveStoreOverHttp(store, {
    dataDir,
    logger: store.logger,
    limits: {
      maxConcurrentQueries: 2,
      maxQueuedQueries: 2,
      queueTimeoutMs: 20_000,
      slowClientTimeoutMs: 1500,
    },
    caps: { maxExecutionTimeSeconds: 2 },
  });
});

afterAll(async () => {
  await served?.close();
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ClickHouse HTTP interface under hostile input', () => {
  it('answers bytes that are not HTTP with 400 and closes the connection', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(served.port, '127.0.0.1', () =>
        socket.write('\x16\x03\x01 NOT HTTP AT ALL\r\n\r\n'),
      );
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    await stillServing();
  });

  it('refuses malformed SQL, a broken gzip body, an unknown encoding and a bad multipart body by name', async () => {
    expect(await post('SELEC 1 FROM')).toMatchObject({ status: 400, code: '62' });
    const broken = await post(Buffer.from('not gzip at all'), { headers: { 'Content-Encoding': 'gzip' } });
    expect(broken).toMatchObject({ status: 400, code: '271' });
    expect(broken.text).toMatch(/Cannot decompress the request body as gzip/);
    const zstd = await post('SELECT 1', { headers: { 'Content-Encoding': 'zstd' } });
    expect(zstd.text).toMatch(/Unsupported Content-Encoding 'zstd'.*gzip, deflate, br/);
    const multipart = await post('garbage', {
      headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' },
    });
    expect(multipart).toMatchObject({ status: 400, code: '36' });
    expect((await post('', { search: 'query=' })).status).toBe(400);
    await stillServing();
  });

  it('refuses a 100 MB body, declared or streamed, and a zip bomb, with 413 while others are served', async () => {
    const declared = await post(Buffer.alloc(100 * 1024 * 1024, 0x20), {
      user: 'writer',
      search: `query=${encodeURIComponent('INSERT INTO schema_migrations FORMAT JSONEachRow')}`,
    }).catch((error: unknown) => ({ status: -1, code: null, text: String(error) }));
    // The server answers before reading the body; the client may see the answer or a reset while sending.
    if (declared.status !== -1) expect(declared).toMatchObject({ status: 413, code: '290' });

    const streamed = await new Promise<{ status: number; code: string | undefined; text: string }>(
      (resolve, reject) => {
        const req = httpRequest(
          `${served.url}/?query=${encodeURIComponent('INSERT INTO schema_migrations FORMAT JSONEachRow')}`,
          { method: 'POST', headers: { ...auth('writer'), 'Transfer-Encoding': 'chunked' } },
          (res) => {
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                code: res.headers['x-clickhouse-exception-code'] as string,
                text,
              }),
            );
          },
        );
        // The server answers 413 and closes while the client still sends: the client may read the answer, or
        // see only the reset (TCP resets a connection closed with unread data). Both are a refusal.
        req.on('error', (error) =>
          String(error).includes('EPIPE') || String(error).includes('ECONNRESET')
            ? resolve({ status: -1, code: undefined, text: String(error) })
            : reject(error),
        );
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const pump = (): void => {
          while (sent < 100 && !req.destroyed) {
            sent++;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      },
    );
    if (streamed.status !== -1) {
      expect(streamed).toMatchObject({ status: 413, code: '290' });
      expect(streamed.text).toMatch(/Request body larger than 67108864 bytes/);
    }

    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, 0x20));
    const bombed = await post(bomb, {
      user: 'writer',
      search: `query=${encodeURIComponent('INSERT INTO schema_migrations FORMAT JSONEachRow')}`,
      headers: { 'Content-Encoding': 'gzip' },
    });
    expect(bombed).toMatchObject({ status: 413, code: '290' });

    const longQuery = await post(`SELECT '${'x'.repeat(2 * 1024 * 1024)}'`);
    expect(longQuery).toMatchObject({ status: 413, code: '290' });
    await stillServing();
  });

  it('cuts a client that sends its request too slowly', async () => {
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const started = Date.now();
      const socket = connect(served.port, '127.0.0.1', () => {
        socket.write(
          `POST / HTTP/1.1\r\nHost: x\r\nX-ClickHouse-User: analyst\r\nX-ClickHouse-Key: ${served.credentials.analyst}\r\nContent-Length: 1000\r\n\r\nS`,
        );
      });
      const trickle = setInterval(() => socket.writable && socket.write('E'), 400);
      socket.on('data', () => {});
      socket.on('close', () => {
        clearInterval(trickle);
        resolve(Date.now() - started);
      });
      socket.on('error', () => {});
      setTimeout(() => reject(new Error('slow client was never cut')), 20_000);
    });
    expect(closedAfter).toBeGreaterThan(0);
    await stillServing();
  });

  it('cuts a client that stops reading a large result, and frees its slot', async () => {
    const socket = connect(served.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const query = 'SELECT number, repeat(toString(number), 20) FROM numbers(20000000)';
    socket.write(
      `POST / HTTP/1.1\r\nHost: x\r\nX-ClickHouse-User: analyst\r\nX-ClickHouse-Key: ${served.credentials.analyst}\r\nContent-Length: ${Buffer.byteLength(query)}\r\n\r\n${query}`,
    );
    socket.pause(); // stop reading: the server's writes back up
    await new Promise((r) => setTimeout(r, 5000)); // well past slowClientTimeoutMs (1.5 s)
    // Reading again only drains what was buffered before the cut: the connection ends far short of the result.
    let received = 0;
    const closed = await new Promise<boolean>((resolve) => {
      socket.on('data', (d: Buffer) => (received += d.length));
      socket.once('close', () => resolve(true));
      socket.resume();
      setTimeout(() => resolve(false), 20_000);
    });
    socket.destroy();
    expect(closed).toBe(true);
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(200 * 1024 * 1024); // the full result is about 2 GB
    // Both slots are free again: two concurrent queries finish.
    await Promise.all([stillServing(), stillServing()]);
  });

  it('cuts a query that never ends at the time cap, while other clients are served', async () => {
    const endless = post('SELECT count() FROM numbers(1000000000000000)');
    let endlessDone = false;
    void endless.then(() => (endlessDone = true));
    await stillServing();
    expect(endlessDone).toBe(false);
    const answer = await endless;
    expect(answer).toMatchObject({ code: '159' });
    expect(answer.text).toMatch(/Timeout exceeded/);
    // A reader cannot lift the cap: max_execution_time above it is clamped.
    const lifted = await post('SELECT count() FROM numbers(1000000000000000)', {
      search: 'max_execution_time=3600',
    });
    expect(lifted).toMatchObject({ code: '159' });
  });

  it('queues queries beyond the slots and refuses beyond the queue with TOO_MANY_SIMULTANEOUS_QUERIES', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => post('SELECT sleep(1)')));
    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 503);
    expect(ok.length).toBe(4); // 2 running + 2 queued
    expect(refused.length).toBe(2);
    for (const r of refused) expect(r).toMatchObject({ code: '202' });
    expect(refused[0]!.text).toMatch(/Too many simultaneous queries: 2 running and 2 queued/);
    await stillServing();
  });

  it('keeps the store intact: every table still answers', async () => {
    const tables = await post("SELECT count() FROM system.tables WHERE database = 'earshot'");
    expect(Number(tables.text)).toBeGreaterThan(3);
    expect(await post('SELECT count() FROM schema_migrations')).toMatchObject({ status: 200 });
  });
});
