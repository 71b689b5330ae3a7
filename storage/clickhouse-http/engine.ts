/**
 * Runs a request's statement on chDB for the HTTP interface. Each request gets a chDB session of its own,
 * configured for its user before the statement runs: the server's caps, the request's allowed settings, the
 * database, then `readonly = 1` (analyst, grafana) or `allow_ddl = 0` (writer) last, after which chDB itself
 * refuses writes / DDL and any attempt to undo the lock. A read user's session is locked, so nothing a
 * request sends can change it: idle ones are kept for the next request with the same settings. A writer's
 * session is closed after its request, so a `SET` in one never reaches another.
 */
import { Session, type ChdbQueryStream, type StreamChunk } from 'chdb';
import { chunkFraming, withoutHeader } from './chunk-framing.js';
import { capSettings, setStatement, type EngineSettings, type QueryCaps } from './settings-policy.js';
import type { HttpUser } from './users.js';

/** One statement to run. */
export interface EngineRequest {
  user: HttpUser;
  database: string;
  settings: EngineSettings;
  sql: string;
  params: Record<string, string>;
  /** Output format when the statement names none. */
  format: string;
  /**
   * The format the result comes in (the statement's own `FORMAT`, else `format`): decides whether its chunks
   * can be streamed as they come (chunk-framing.ts). @default format
   */
  resultFormat?: string;
}

/** Engine metrics of a finished statement, for `X-ClickHouse-Summary`. */
export interface EngineSummary {
  rowsRead: number;
  bytesRead: number;
  elapsedSeconds: number;
}

/**
 * A statement's result: `first` is the first chunk (already computed, so errors before any output are known
 * before a status is sent), `rest` the following ones. A SELECT streams; other statements arrive whole.
 */
export interface EngineResult {
  first: Uint8Array | null;
  rest: AsyncIterable<Uint8Array>;
  /** Stops the statement (streams stop between chunks; see chdb's QueryOptions on single-shot queries). */
  cancel(): void;
  /** Known once the result is consumed (streamed SELECTs report rows and bytes sent). */
  summary(): EngineSummary;
}

interface PooledSession {
  session: Session;
  key: string;
}

export interface EngineOptions {
  /** chDB's data directory (the one the store opened). */
  chdbDir: string;
  caps: QueryCaps;
  /** Idle locked sessions kept for reuse. @default 16 */
  maxIdleSessions?: number;
}

/** Statements chDB cannot stream (it says so with this message) run single-shot instead. */
const NOT_STREAMABLE = /Streaming query is not supported/;

export class HttpEngine {
  readonly #options: EngineOptions;
  readonly #idle: PooledSession[] = [];
  #closed = false;

  constructor(options: EngineOptions) {
    this.#options = options;
  }

  /** Runs one statement; rejects with chDB's error (its message is `Code: N. DB::Exception: …`). */
  async run(request: EngineRequest, signal: AbortSignal): Promise<EngineResult> {
    const pooled = this.#acquire(request);
    // A session that got query parameters keeps them (SET param_…), so it is not handed to another request.
    const reusable = request.user !== 'writer' && Object.keys(request.params).length === 0;
    const release = (ok: boolean): void => this.#release(pooled, ok && reusable);
    try {
      await configure(pooled, request, this.#options.caps);
      await bindParams(pooled.session, request.params);
      return await execute(pooled.session, request, signal, release);
    } catch (error) {
      release(false);
      throw error;
    }
  }

  /** Closes idle sessions; sessions in use close when their request ends. */
  close(): void {
    this.#closed = true;
    for (const { session } of this.#idle.splice(0)) session.close();
  }

  #acquire(request: EngineRequest): PooledSession & { configured?: boolean } {
    const key = sessionKey(request);
    if (request.user !== 'writer') {
      const i = this.#idle.findIndex((p) => p.key === key);
      if (i >= 0) return { ...this.#idle.splice(i, 1)[0]!, configured: true };
    }
    return { session: new Session(this.#options.chdbDir), key };
  }

  #release(pooled: PooledSession, reusable: boolean): void {
    if (!reusable || this.#closed) {
      pooled.session.close();
      return;
    }
    this.#idle.push({ session: pooled.session, key: pooled.key });
    while (this.#idle.length > (this.#options.maxIdleSessions ?? 16)) this.#idle.shift()?.session.close();
  }
}

function sessionKey(request: EngineRequest): string {
  return JSON.stringify([request.user, request.database, request.settings]);
}

async function configure(
  pooled: PooledSession & { configured?: boolean },
  request: EngineRequest,
  caps: QueryCaps,
): Promise<void> {
  if (pooled.configured) return;
  const statements = [...capSettings(caps), ...request.settings].map(([name, value]) =>
    setStatement(name, value),
  );
  statements.push(`USE \`${request.database.replace(/`/g, '``')}\``);
  statements.push(request.user === 'writer' ? 'SET allow_ddl = 0' : 'SET readonly = 1');
  await pooled.session.queryAsync(statements.join('; '), { format: 'TSV' });
}

/**
 * Query parameters as ClickHouse's HTTP interface takes them: the text of `param_<name>` is parsed by the
 * engine as the placeholder's type (`SET param_x = '…'` hands it over unchanged, as clickhouse-client does).
 */
async function bindParams(session: Session, params: Record<string, string>): Promise<void> {
  const statements = Object.entries(params).map(([name, value]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new Error(
        `Code: 36. DB::Exception: Invalid query parameter name 'param_${name.slice(0, 64)}'. (BAD_ARGUMENTS)`,
      );
    }
    return `SET param_${name} = '${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  });
  if (statements.length > 0) await session.queryAsync(statements.join('; '), { format: 'TSV' });
}

async function execute(
  session: Session,
  request: EngineRequest,
  signal: AbortSignal,
  release: (ok: boolean) => void,
): Promise<EngineResult> {
  const started = performance.now();
  let stream: ChdbQueryStream | undefined;
  let iterator: AsyncIterator<StreamChunk> | undefined;
  let firstChunk: IteratorResult<StreamChunk> | undefined;
  const framing = chunkFraming(request.resultFormat ?? request.format);
  try {
    if (framing.stream) {
      const options = { format: request.format, signal };
      stream = session.queryStream(request.sql, options);
      iterator = stream[Symbol.asyncIterator]();
      firstChunk = await iterator.next();
    }
  } catch (error) {
    stream?.cancel();
    if (!NOT_STREAMABLE.test(error instanceof Error ? error.message : String(error))) throw error;
    stream = undefined;
  }

  if (!stream || !iterator || !firstChunk) {
    const options = { format: request.format, signal };
    const result = await session.queryAsync(request.sql, options);
    release(true);
    const bytes = result.bytes();
    return {
      first: bytes.length > 0 ? bytes : null,
      rest: (async function* () {})(),
      cancel() {},
      summary: () => ({
        rowsRead: result.rowsRead,
        bytesRead: result.bytesRead,
        elapsedSeconds: result.elapsed,
      }),
    };
  }

  let rows = 0;
  let bytes = 0;
  const headerLines = framing.stream ? framing.headerLines : 0;
  let chunks = 0;
  const count = (chunk: StreamChunk): Uint8Array => {
    rows += chunk.numRows;
    bytes += chunk.numBytes;
    // chDB repeats a …WithNames header before every chunk; the answer carries it once.
    return chunks++ > 0 && headerLines > 0 ? withoutHeader(chunk.raw(), headerLines) : chunk.raw();
  };
  const first = firstChunk.done ? null : count(firstChunk.value);
  const liveStream = stream;
  const liveIterator = iterator;
  let settled = firstChunk.done;
  let iterating = false;
  if (settled) release(true);
  return {
    first,
    rest: (async function* () {
      if (settled) return;
      iterating = true;
      let ok = false;
      try {
        for (;;) {
          const next = await liveIterator.next();
          if (next.done) break;
          yield count(next.value);
        }
        ok = true;
      } finally {
        settled = true;
        if (!ok) liveStream.cancel();
        release(ok);
      }
    })(),
    cancel() {
      if (settled) return;
      liveStream.cancel();
      if (!iterating) {
        settled = true;
        release(false);
      }
    },
    summary: () => ({
      rowsRead: rows,
      bytesRead: bytes,
      elapsedSeconds: (performance.now() - started) / 1000,
    }),
  };
}
