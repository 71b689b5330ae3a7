/**
 * A loopback HTTP endpoint that lets `earshot sql` in another terminal query the chDB store owned by
 * `earshot up` (chDB allows one process per data directory). Read-only: every query goes through
 * `queryReadOnly`. Discovery and auth: `<dataDir>/sql-endpoint.json` (mode 0600) holds port, token and pid.
 */
import { randomBytes, createHash, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { StorageError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { isProcessAlive } from '../platform/process.js';
import type { Store } from './client.js';
import { QueryRejectedError } from './errors.js';
import { queryReadOnly, type QueryParams, type QueryResult } from './query.js';

/** Name of the discovery file inside the data directory. */
export const SQL_ENDPOINT_FILE = 'sql-endpoint.json';
/** Largest accepted request body. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Contents of the discovery file. */
export interface SqlEndpointInfo {
  port: number;
  token: string;
  pid: number;
}

/** A running endpoint. */
export interface SqlEndpoint {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Stops the server and removes the discovery file (if it is still ours). Idempotent. */
  close(): Promise<void>;
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Starts the endpoint on 127.0.0.1 (a free port) and writes the discovery file. Requests: `POST /query` with
 * `Authorization: Bearer <token>` and a JSON body `{ "sql": "…", "params"?: {…} }`; answers `{ columns, rows }`
 * or `{ error: { message, code? } }` with 400 (refused/invalid query), 401, 404, 405, 413 or 500.
 */
export async function startSqlEndpoint(
  store: Store,
  options: { dataDir: string; logger: Logger },
): Promise<SqlEndpoint> {
  const log = options.logger.child({ component: 'sql-endpoint' });
  const token = randomBytes(32).toString('hex');
  const expected = digest(`Bearer ${token}`);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'sql endpoint request failed');
      send(res, 500, { error: { message: 'Internal error' } });
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.url !== '/query') return send(res, 404, { error: { message: 'Not found: use POST /query' } });
    if (req.method !== 'POST') return send(res, 405, { error: { message: 'Use POST' } });
    if (!timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
      return send(res, 401, { error: { message: 'Missing or wrong bearer token (see sql-endpoint.json)' } });
    }
    const body = await readBody(req);
    if (body === null)
      return send(res, 413, { error: { message: `Body larger than ${MAX_BODY_BYTES} bytes` } });
    let request: { sql?: unknown; params?: unknown };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return send(res, 400, { error: { message: 'Body must be JSON: {"sql": "…"}' } });
    }
    if (typeof request.sql !== 'string')
      return send(res, 400, { error: { message: '"sql" must be a string' } });
    const params = request.params ?? {};
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      return send(res, 400, { error: { message: '"params" must be an object' } });
    }
    try {
      send(res, 200, await queryReadOnly(store, request.sql, params as QueryParams));
    } catch (error) {
      if (error instanceof QueryRejectedError) {
        return send(res, 400, { error: { message: error.message, code: error.clickhouseCode } });
      }
      throw error;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const file = join(options.dataDir, SQL_ENDPOINT_FILE);
  const info: SqlEndpointInfo = { port, token, pid: process.pid };
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(info), { mode: 0o600 });
  chmodSync(temp, 0o600); // the umask cannot widen it, but an existing temp file keeps its old mode
  renameSync(temp, file);
  log.info({ port }, 'sql endpoint listening on 127.0.0.1');

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      closing ??= (async () => {
        if (readEndpointInfo(options.dataDir)?.token === token) unlinkSync(file);
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  const json = JSON.stringify(body);
  // One query per connection: `earshot sql` makes one request, and an early answer (413, 401) leaves the
  // unread rest of a body on the socket, which must not be reused.
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(json);
}

/** Reads the body as UTF-8, or `null` once it exceeds MAX_BODY_BYTES (the rest is drained). */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function readEndpointInfo(dataDir: string): SqlEndpointInfo | null {
  try {
    const info = JSON.parse(
      readFileSync(join(dataDir, SQL_ENDPOINT_FILE), 'utf8'),
    ) as Partial<SqlEndpointInfo>;
    if (typeof info.port !== 'number' || typeof info.token !== 'string' || typeof info.pid !== 'number')
      return null;
    return info as SqlEndpointInfo;
  } catch {
    return null;
  }
}

/**
 * Runs a read-only query through the endpoint of the process owning `dataDir`. Returns `null` when no endpoint
 * is running (no file, unreadable file, dead pid, or nothing listening): the caller then opens chDB itself.
 * Throws `QueryRejectedError` when the endpoint refused the query, `StorageError` for other endpoint errors.
 */
export async function querySqlEndpoint(
  dataDir: string,
  sql: string,
  params: QueryParams = {},
): Promise<QueryResult | null> {
  const info = readEndpointInfo(dataDir);
  if (!info || !isProcessAlive(info.pid)) return null;
  let response: Response;
  try {
    response = await fetch(`http://127.0.0.1:${info.port}/query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sql, params }),
    });
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === 'ECONNREFUSED') return null; // stale file: the pid was reused, nothing listens on the port
    throw new StorageError(`Could not reach the SQL endpoint of ${dataDir}: ${String(code ?? error)}`, {
      cause: error,
    });
  }
  const body = (await response.json()) as QueryResult & { error?: { message: string; code?: string } };
  if (response.ok) return { columns: body.columns, rows: body.rows };
  const message = body.error?.message ?? `SQL endpoint answered HTTP ${response.status}`;
  if (response.status === 400) throw new QueryRejectedError(message, body.error?.code);
  throw new StorageError(`SQL endpoint of ${dataDir} failed: ${message}`);
}
