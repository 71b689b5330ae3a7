/**
 * The embedded store's ClickHouse HTTP interface: `earshot up` serves it over its chDB engine so every
 * standard ClickHouse client (clickhouse-connect, @clickhouse/client, clickhouse-go, JDBC, Grafana's
 * plugin) and a second `earshot worker` reach the data. Queries pass through to chDB unchanged; this module
 * only speaks the protocol around them (auth, URL parameters, compression, headers, errors) and enforces
 * the limits. It listens on a port of its own, because ClickHouse clients expect the interface at `/` and
 * stream both ways (the platform host buffers JSON bodies for its routes).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBrotliCompress, createDeflate, createGzip, type Gzip } from 'node:zlib';
import type { Logger } from '../../core/logger.js';
import { countStatements } from '../sql-statements.js';
import { HttpEngine, type EngineResult } from './engine.js';
import { CODES, ClickHouseHttpError, errorText, fromEngineError } from './errors.js';
import { QueryLimiter } from './limiter.js';
import { NativeUpgrader } from './native-blocks.js';
import { multipartBoundary, parseMultipart } from './multipart.js';
import { readBody } from './request-body.js';
import { requestSettings, type QueryCaps } from './settings-policy.js';
import { authenticate, type HttpCredentials, type HttpUser } from './users.js';

/** Limits of the HTTP interface; every one has a default fit for one analyst's laptop. */
export interface HttpLimits {
  /** Queries running at once. @default 4 */
  maxConcurrentQueries: number;
  /** Queries waiting for a slot; more are refused at once. @default 64 */
  maxQueuedQueries: number;
  /** How long a query waits for a slot. @default 30000 */
  queueTimeoutMs: number;
  /** Largest request body (decompressed) of the writer: one insert batch. @default 64 MiB */
  maxInsertBodyBytes: number;
  /** Largest request body of a read-only user (the query text). @default 1 MiB */
  maxQueryBodyBytes: number;
  /** A client that sends its request or reads its result slower than this is cut off. @default 30000 */
  slowClientTimeoutMs: number;
}

export const DEFAULT_LIMITS: HttpLimits = {
  maxConcurrentQueries: 4,
  maxQueuedQueries: 64,
  queueTimeoutMs: 30_000,
  maxInsertBodyBytes: 64 * 1024 * 1024,
  maxQueryBodyBytes: 1024 * 1024,
  slowClientTimeoutMs: 30_000,
};

export const DEFAULT_CAPS: QueryCaps = {
  maxExecutionTimeSeconds: 300,
  maxMemoryUsageBytes: 4 * 1024 * 1024 * 1024,
  maxThreads: 2,
};

export interface ClickHouseHttpOptions {
  /** chDB's data directory: the one the `Store` of this process opened. */
  chdbDir: string;
  /** Default database of every request (the store's). */
  database: string;
  credentials: HttpCredentials;
  logger: Logger;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 takes a free port. @default 0 */
  port?: number;
  limits?: Partial<HttpLimits>;
  caps?: Partial<QueryCaps>;
}

export interface ClickHouseHttpServer {
  /** `http://host:port` */
  url: string;
  host: string;
  port: number;
  /** Stops listening, cuts running requests, closes the chDB sessions. Idempotent. */
  close(): Promise<void>;
}

/** Output formats whose bytes are not text, for Content-Type. */
const BINARY_FORMAT =
  /^(Native|RowBinary\w*|Arrow\w*|Parquet|ORC|Avro|Protobuf\w*|CapnProto|MsgPack|BSONEachRow|Npy)$/i;

/** Starts the interface and resolves once it listens; rejects when the port cannot be bound. */
export async function startClickHouseHttp(options: ClickHouseHttpOptions): Promise<ClickHouseHttpServer> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const caps = { ...DEFAULT_CAPS, ...options.caps };
  const log = options.logger.child({ component: 'clickhouse-http' });
  const engine = new HttpEngine({ chdbDir: options.chdbDir, caps });
  const limiter = new QueryLimiter(
    limits.maxConcurrentQueries,
    limits.maxQueuedQueries,
    limits.queueTimeoutMs,
  );
  const spool = mkdtempSync(join(tmpdir(), 'earshot-ch-http-'));
  const context: Context = { options, limits, caps, engine, limiter, spool, log };

  // A client that is slow to send its headers or its whole request is cut (slowloris), checked every second;
  // results are guarded by the write timeout in `drained`.
  const server = createServer(
    {
      headersTimeout: Math.min(limits.slowClientTimeoutMs, 60_000),
      requestTimeout: limits.slowClientTimeoutMs * 2,
      connectionsCheckingInterval: Math.min(1000, limits.slowClientTimeoutMs),
    },
    (request, response) => {
      handle(context, request, response).catch((error: unknown) => {
        // Only reached for a bug in handle: answer once if still possible, never crash the process.
        log.error({ err: error }, 'clickhouse-http request failed');
        if (!response.headersSent) sendError(response, new ClickHouseHttpError(1001, 'Internal error'));
        else response.destroy();
      });
    },
  );
  server.keepAliveTimeout = 10_000;
  server.maxHeadersCount = 200;
  server.on('clientError', (error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy(error);
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info({ url }, 'ClickHouse HTTP interface listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    host,
    port,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        engine.close();
        rmSync(spool, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

interface Context {
  options: ClickHouseHttpOptions;
  limits: HttpLimits;
  caps: QueryCaps;
  engine: HttpEngine;
  limiter: QueryLimiter;
  spool: string;
  log: Logger;
}

const SERVER_HEADERS = {
  'X-ClickHouse-Server-Display-Name': 'earshot-embedded',
  'X-ClickHouse-Timezone': 'UTC',
};

async function handle(ctx: Context, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  if (url.pathname === '/ping' && (method === 'GET' || method === 'HEAD')) {
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8', ...SERVER_HEADERS });
    response.end('Ok.\n');
    return;
  }
  if (url.pathname !== '/' && url.pathname !== '/query') {
    request.resume();
    return sendError(
      response,
      new ClickHouseHttpError(
        CODES.BAD_ARGUMENTS,
        `There is no handle ${url.pathname.slice(0, 100)}: use / or /ping`,
        404,
      ),
    );
  }
  if (method !== 'GET' && method !== 'POST' && method !== 'HEAD') {
    request.resume();
    return sendError(
      response,
      new ClickHouseHttpError(CODES.BAD_ARGUMENTS, `Method ${method} is not supported: use GET or POST`, 405),
    );
  }
  if (method !== 'POST' && !url.searchParams.has('query')) {
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8', ...SERVER_HEADERS });
    response.end('Ok.\n');
    return;
  }

  const queryId = url.searchParams.get('query_id') || randomUUID();
  let user: HttpUser;
  let releaseSlot: (() => void) | undefined;
  let result: EngineResult | undefined;
  let spoolFile: string | undefined;
  const aborter = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) aborter.abort();
  });
  try {
    user = authenticated(ctx, request, url);
    const parsed = parseRequest(ctx, user, url, method);
    const limit = user === 'writer' ? ctx.limits.maxInsertBodyBytes : ctx.limits.maxQueryBodyBytes;
    let body = method === 'POST' ? await readBody(request, limit) : Buffer.alloc(0);
    let queryParam = url.searchParams.get('query');
    const boundary = multipartBoundary(headerValue(request, 'content-type'));
    if (boundary) {
      // Fields of a multipart body count as URL parameters (query, param_<name>).
      const fields = parseMultipart(body, boundary);
      for (const [name, value] of fields) {
        if (name.startsWith('param_')) parsed.params[name.slice('param_'.length)] = value;
      }
      queryParam = fields.get('query') ?? queryParam;
      body = Buffer.alloc(0);
    }
    let sql: string;
    const insert = queryParam !== null && body.length > 0 ? INSERT_WITH_FORMAT.exec(queryParam) : null;
    if (insert) {
      // The data goes to chDB as bytes from a file, so binary formats (clickhouse-go's Native) arrive intact.
      spoolFile = join(ctx.spool, `${randomBytes(12).toString('hex')}.data`);
      writeFileSync(spoolFile, body, { mode: 0o600 });
      sql = `${insert[1]} FROM INFILE '${spoolFile}' FORMAT ${insert[2]}`;
    } else if (queryParam !== null) {
      sql = body.length > 0 ? `${queryParam}\n${body.toString('utf8')}` : queryParam;
    } else {
      sql = body.toString('utf8');
    }
    if (sql.trim() === '') throw new ClickHouseHttpError(CODES.SYNTAX_ERROR, 'Empty query', 400);
    const statementText = insert ? queryParam! : sql;
    if (!INSERT_WITH_FORMAT_INLINE.test(statementText) && countStatements(statementText) > 1) {
      throw new ClickHouseHttpError(
        CODES.SYNTAX_ERROR,
        'Multi-statements are not allowed: send one statement per request',
        400,
      );
    }
    const format = explicitFormat(sql) ?? parsed.format;
    const upgrade = /^Native$/i.test(format) && parsed.clientProtocolVersion > 0;
    const settings = parsed.settings;

    releaseSlot = await ctx.limiter.acquire();
    if (aborter.signal.aborted) return;
    result = await ctx.engine.run(
      {
        // GET is read-only in ClickHouse, and so is a request that asks for readonly: the writer's session
        // is then locked like a reader's.
        user: (method === 'GET' || parsed.readOnly) && user === 'writer' ? 'analyst' : user,
        database: parsed.database,
        settings,
        sql,
        params: parsed.params,
        format: parsed.format,
        resultFormat: format,
      },
      aborter.signal,
    );
    await respond(ctx, request, response, {
      result,
      queryId,
      format,
      compress: parsed.compress,
      waitEnd: parsed.waitEnd,
      isInsert: /^\s*INSERT\b/i.test(statementText),
      upgrade: upgrade ? new NativeUpgrader(parsed.clientProtocolVersion) : null,
    });
  } catch (error) {
    result?.cancel();
    const mapped = fromEngineError(error);
    if (mapped.code === 1001 && !(error instanceof ClickHouseHttpError))
      ctx.log.warn({ err: error, queryId }, 'query failed');
    if (!response.headersSent) {
      request.resume();
      sendError(response, mapped, queryId);
    } else {
      writeStreamException(response, mapped);
    }
  } finally {
    result?.cancel();
    releaseSlot?.();
    if (spoolFile) rmSync(spoolFile, { force: true });
  }
}

/** `INSERT INTO t [(cols)] FORMAT F` with the data in the body (what every client sends). */
const INSERT_WITH_FORMAT =
  /^\s*(INSERT\s+INTO\s+(?:(?!\b(?:SELECT|INFILE|VALUES|FORMAT)\b)[\s\S])+?)\s+FORMAT\s+([A-Za-z][A-Za-z0-9_]*)\s*$/i;
/** The same with the data following in the same text: its data is not SQL, so it is not scanned. */
const INSERT_WITH_FORMAT_INLINE = /^\s*INSERT\s+INTO\s[\s\S]*?\bFORMAT\s+[A-Za-z][A-Za-z0-9_]*\s*\n/i;

function authenticated(ctx: Context, request: IncomingMessage, url: URL): HttpUser {
  let name = headerValue(request, 'x-clickhouse-user');
  let password = headerValue(request, 'x-clickhouse-key');
  const basic = /^Basic\s+(\S+)$/i.exec(headerValue(request, 'authorization') ?? '');
  if (name === undefined && basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    name = colon < 0 ? decoded : decoded.slice(0, colon);
    password = colon < 0 ? '' : decoded.slice(colon + 1);
  }
  if (name === undefined && url.searchParams.has('user')) {
    name = url.searchParams.get('user') ?? undefined;
    password = url.searchParams.get('password') ?? '';
  }
  const user = authenticate(ctx.options.credentials, name ?? 'default', password ?? '');
  if (user) return user;
  throw new ClickHouseHttpError(
    CODES.AUTHENTICATION_FAILED,
    `${(name ?? 'default').slice(0, 64)}: Authentication failed: password is incorrect, or there is no user with such name. ` +
      'Users: analyst, grafana, writer; `earshot connect --user <name>` prints the password.',
  );
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

interface ParsedRequest {
  database: string;
  format: string;
  settings: ReadonlyArray<readonly [string, string]>;
  params: Record<string, string>;
  readOnly: boolean;
  compress: boolean;
  waitEnd: boolean;
  clientProtocolVersion: number;
}

function parseRequest(ctx: Context, user: HttpUser, url: URL, method: string): ParsedRequest {
  const search = url.searchParams;
  if (search.has('session_id')) {
    throw new ClickHouseHttpError(
      CODES.NOT_IMPLEMENTED,
      'Sessions (session_id) are not supported by the embedded store: each request runs on a session of its own. ' +
        'Send settings as URL parameters instead of SET.',
    );
  }
  if (search.get('compress') === '1' || search.get('decompress') === '1') {
    throw new ClickHouseHttpError(
      CODES.NOT_IMPLEMENTED,
      "ClickHouse's native block compression (compress=1 / decompress=1, LZ4 or ZSTD) is not supported by the " +
        'embedded store; use HTTP compression (gzip, deflate or br), e.g. clickhouse-go Compression: CompressionGZIP.',
    );
  }
  const { settings, params, readOnly } = requestSettings(user, search, ctx.caps);
  const database = search.get('database') || ctx.options.database;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(database)) {
    throw new ClickHouseHttpError(81, `Database ${database.slice(0, 64)} does not exist`, 404);
  }
  void method;
  return {
    database,
    format: search.get('default_format') || 'TabSeparated',
    settings,
    params,
    readOnly,
    compress: search.get('enable_http_compression') === '1',
    waitEnd: search.get('wait_end_of_query') === '1',
    clientProtocolVersion: Number(search.get('client_protocol_version') ?? 0) || 0,
  };
}

/** The format a statement names itself (`… FORMAT JSON`), which wins over `default_format`. */
function explicitFormat(sql: string): string | undefined {
  return /\bFORMAT\s+([A-Za-z][A-Za-z0-9_]*)\s*;?\s*$/i.exec(sql.slice(-200))?.[1];
}

function contentType(format: string): string {
  if (BINARY_FORMAT.test(format)) return 'application/octet-stream';
  if (/^(TabSeparated|TSV)/i.test(format)) return 'text/tab-separated-values; charset=UTF-8';
  if (/^CSV/i.test(format)) return 'text/csv; charset=UTF-8; header=absent';
  if (/EachRow|Lines$/i.test(format)) return 'application/x-ndjson; charset=UTF-8';
  if (/^JSON/i.test(format)) return 'application/json; charset=UTF-8';
  return 'text/plain; charset=UTF-8';
}

function summaryHeader(
  summary: { rowsRead: number; bytesRead: number; elapsedSeconds: number },
  isInsert: boolean,
): string {
  const rows = String(summary.rowsRead);
  const bytes = String(summary.bytesRead);
  return JSON.stringify({
    read_rows: rows,
    read_bytes: bytes,
    written_rows: isInsert ? rows : '0',
    written_bytes: isInsert ? bytes : '0',
    total_rows_to_read: '0',
    result_rows: isInsert ? '0' : rows,
    result_bytes: isInsert ? '0' : bytes,
    elapsed_ns: String(Math.round(summary.elapsedSeconds * 1e9)),
  });
}

function chooseEncoding(request: IncomingMessage): 'gzip' | 'br' | 'deflate' | null {
  const accepted = String(request.headers['accept-encoding'] ?? '').toLowerCase();
  for (const encoding of ['gzip', 'br', 'deflate'] as const) if (accepted.includes(encoding)) return encoding;
  return null;
}

async function respond(
  ctx: Context,
  request: IncomingMessage,
  response: ServerResponse,
  answer: {
    result: EngineResult;
    queryId: string;
    format: string;
    compress: boolean;
    waitEnd: boolean;
    isInsert: boolean;
    upgrade: NativeUpgrader | null;
  },
): Promise<void> {
  const { result, upgrade } = answer;
  let chunks: AsyncIterable<Uint8Array> = (async function* () {
    if (result.first) yield result.first;
    yield* result.rest;
  })();
  if (upgrade) chunks = upgrade.transform(chunks);
  let buffered: Uint8Array[] | undefined;
  if (answer.waitEnd) {
    // wait_end_of_query=1: the whole result first, so an error still gets its status and the summary is final.
    buffered = [];
    for await (const chunk of chunks) buffered.push(chunk);
  }
  const encoding = answer.compress ? chooseEncoding(request) : null;
  const exceptionTag = randomBytes(8).toString('hex');
  response.writeHead(200, {
    'Content-Type': contentType(answer.format),
    'X-ClickHouse-Query-Id': answer.queryId,
    'X-ClickHouse-Format': answer.format,
    'X-ClickHouse-Summary': summaryHeader(result.summary(), answer.isInsert),
    'X-ClickHouse-Exception-Tag': exceptionTag,
    ...SERVER_HEADERS,
    ...(encoding ? { 'Content-Encoding': encoding } : {}),
  });
  (response as ServerResponse & { exceptionTag?: string }).exceptionTag = exceptionTag;
  const sink = encoding ? compressor(encoding) : null;
  if (sink) {
    sink.pipe(response);
    (response as ServerResponse & { compressor?: Gzip }).compressor = sink;
  }
  const target = sink ?? response;
  const source: AsyncIterable<Uint8Array> = buffered
    ? (async function* () {
        yield* buffered;
      })()
    : chunks;
  for await (const chunk of source) {
    if (!target.write(chunk)) await drained(target, response, ctx.limits.slowClientTimeoutMs);
  }
  await new Promise<void>((resolve) => {
    if (sink) {
      response.once('finish', resolve);
      sink.end();
    } else response.end(resolve);
  });
}

function compressor(encoding: 'gzip' | 'br' | 'deflate'): Gzip {
  if (encoding === 'gzip') return createGzip({ level: 3 });
  if (encoding === 'deflate') return createDeflate({ level: 3 });
  return createBrotliCompress() as unknown as Gzip;
}

/** Waits for the client to take what was written; a client that stops reading is cut off. */
function drained(target: NodeJS.WritableStream, response: ServerResponse, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      response.destroy();
      reject(
        new ClickHouseHttpError(CODES.NETWORK_ERROR, `Client did not read the result for ${timeoutMs} ms`),
      );
    }, timeoutMs);
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onClose = (): void => {
      cleanup();
      reject(new ClickHouseHttpError(CODES.NETWORK_ERROR, 'Client closed the connection'));
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      target.off('drain', onDrain);
      response.off('close', onClose);
    };
    target.once('drain', onDrain);
    response.once('close', onClose);
  });
}

function sendError(
  response: ServerResponse,
  error: ClickHouseHttpError & { engineText?: string },
  queryId?: string,
): void {
  if (response.destroyed) return;
  const text = errorText(error);
  response.writeHead(error.status, {
    'Content-Type': 'text/plain; charset=UTF-8',
    'X-ClickHouse-Exception-Code': String(error.code),
    ...(queryId ? { 'X-ClickHouse-Query-Id': queryId } : {}),
    ...SERVER_HEADERS,
    // The client may still be sending a body nobody reads.
    Connection: 'close',
  });
  response.end(text);
}

/**
 * An error after the result started: the framing ClickHouse 25.11+ uses, which @clickhouse/client and
 * clickhouse-go detect (`\r\n__exception__\r\n<tag>\r\n<text>\n<length> <tag>\r\n__exception__\r\n`).
 */
function writeStreamException(
  response: ServerResponse,
  error: ClickHouseHttpError & { engineText?: string },
): void {
  if (response.destroyed || response.writableEnded) return;
  const extra = response as ServerResponse & { exceptionTag?: string; compressor?: Gzip };
  const tag = extra.exceptionTag ?? '';
  const text = errorText(error);
  const frame = `\r\n__exception__\r\n${tag}\r\n${text}${Buffer.byteLength(text)} ${tag}\r\n__exception__\r\n`;
  const target = extra.compressor ?? response;
  target.end(frame);
}
