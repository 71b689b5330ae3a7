/**
 * The read-only SQL endpoint that lets `earshot sql` / `earshot status` in another terminal query the chDB
 * store owned by `earshot up` (chDB allows one process per data directory). Every query goes through
 * `queryReadOnly`. Three pieces:
 * - `sqlQueryRoute(store, token)`: the `POST /query` route, a framework-agnostic `HostRoute` that the
 *   composition root adds to the process's one HTTP host (platform/http-host), beside any other routes;
 * - `publishSqlEndpoint(dataDir, { port, token })`: the discovery file `<dataDir>/sql-endpoint.json`
 *   (mode 0600: port, token, pid) through which clients find and authenticate to it;
 * - `querySqlEndpoint(dataDir, sql, params)`: the client.
 * `startSqlEndpoint` puts the first two together on a host of its own, for tests and tools.
 */
import { chmodSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StorageError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { errorReply, newBearerToken, startHttpHost, type HostRoute } from '../platform/http-host/index.js';
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

/**
 * The `POST /query` route: `Authorization: Bearer <token>` and a JSON body `{ "sql": "…", "params"?: {…} }`;
 * answers `{ columns, rows }`, or `{ error: { message, code? } }` with 400 for a refused or invalid query
 * (ClickHouse's code in `code`). Auth, body limit, 401/404/405/413/500 are the host's.
 */
export function sqlQueryRoute(store: Store, token: string): HostRoute {
  return {
    method: 'POST',
    path: '/query',
    auth: { kind: 'bearer', token, hint: `see ${SQL_ENDPOINT_FILE}` },
    bodyLimitBytes: MAX_BODY_BYTES,
    async handle({ body }) {
      const request = (typeof body === 'object' && body !== null ? body : {}) as {
        sql?: unknown;
        params?: unknown;
      };
      if (typeof request.sql !== 'string') return errorReply(400, '"sql" must be a string');
      const params = request.params ?? {};
      if (typeof params !== 'object' || params === null || Array.isArray(params)) {
        return errorReply(400, '"params" must be an object');
      }
      try {
        return { body: await queryReadOnly(store, request.sql, params as QueryParams) };
      } catch (error) {
        if (error instanceof QueryRejectedError) return errorReply(400, error.message, error.clickhouseCode);
        throw error;
      }
    },
  };
}

/**
 * Writes the discovery file for an endpoint listening on 127.0.0.1:`port` (atomically, mode 0600) and
 * returns a function that removes it again, if it is still ours (idempotent).
 */
export function publishSqlEndpoint(dataDir: string, endpoint: { port: number; token: string }): () => void {
  const file = join(dataDir, SQL_ENDPOINT_FILE);
  const info: SqlEndpointInfo = { port: endpoint.port, token: endpoint.token, pid: process.pid };
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(info), { mode: 0o600 });
  chmodSync(temp, 0o600); // the umask cannot widen it, but an existing temp file keeps its old mode
  renameSync(temp, file);
  return () => {
    if (readEndpointInfo(dataDir)?.token === endpoint.token) unlinkSync(file);
  };
}

/** A running stand-alone endpoint. */
export interface SqlEndpoint {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Removes the discovery file (if it is still ours) and stops the host. Idempotent. */
  close(): Promise<void>;
}

/**
 * Serves `sqlQueryRoute` alone on a host of its own (127.0.0.1, a free port) and publishes it in `dataDir`:
 * for tests and tools that need the endpoint without the rest of `earshot up`. Rejects when it cannot listen
 * or write the file.
 */
export async function startSqlEndpoint(
  store: Store,
  options: { dataDir: string; logger: Logger },
): Promise<SqlEndpoint> {
  const token = newBearerToken();
  const host = await startHttpHost({ logger: options.logger, routes: [sqlQueryRoute(store, token)] });
  let unpublish: () => void;
  try {
    unpublish = publishSqlEndpoint(options.dataDir, { port: host.port, token });
  } catch (error) {
    await host.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url: host.url,
    close() {
      closing ??= (async () => {
        unpublish();
        await host.close();
      })();
      return closing;
    },
  };
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
