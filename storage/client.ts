/**
 * The one ClickHouse client factory: embedded chDB in-process, or a ClickHouse server by URL. Everything else in
 * storage/ takes the `Store` this returns (and reaches its clients through storage/internals.ts), so the same
 * SQL runs in both modes.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { join, resolve } from 'node:path';
import {
  ClickHouseLogLevel,
  createClient,
  type ClickHouseClient,
  type ClickHouseSettings,
} from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { StorageError, type HealthResult } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { isProcessAlive } from '../platform/process.js';
import { DataDirLockedError } from './errors.js';
import { attachInternals, type StoreInternals } from './internals.js';
import type { TableName } from './schema.js';
import { CLUSTER_WRITE_SETTINGS, DEFAULT_DATABASE, PINNED_SETTINGS, assertIdentifier } from './settings.js';

/** In-process chDB on a data directory that this process then owns exclusively. */
export interface EmbeddedStoreOptions {
  mode: 'embedded';
  dataDir: string;
  /** @default 'earshot' */
  database?: string;
}

/** A ClickHouse server (or cluster entry point) over HTTP(S). */
export interface ServerStoreOptions {
  mode: 'server';
  /** e.g. `http://localhost:8123` */
  url: string;
  username?: string;
  password?: string;
  /** @default 'earshot' */
  database?: string;
  /** @default 30000 */
  requestTimeoutMs?: number;
  /**
   * Cluster name (`CLICKHOUSE_CLUSTER`): migrations create replicated local tables on every node and
   * Distributed tables under the names Earshot reads (storage/migrations/cluster.ts). Unset: one server.
   */
  cluster?: string;
}

/** Where the data lives; built by the CLI / worker from the environment (see cli/store-options.ts). */
export type StoreOptions = EmbeddedStoreOptions | ServerStoreOptions;

/**
 * An open connection to Earshot's ClickHouse database. Pass it to the storage functions (`migrate`,
 * `upsertMentions`, `sourceStatus`, `queryReadOnly`, …); close it once on shutdown. The ClickHouse clients
 * behind it are storage's own (storage/internals.ts): callers outside storage/ never hold SQL or a client.
 */
export interface Store {
  readonly mode: 'embedded' | 'server';
  readonly database: string;
  /** Set in embedded mode: the chDB data directory. */
  readonly dataDir?: string;
  /** Set in cluster mode (server only): the ClickHouse cluster the tables are spread over. */
  readonly cluster?: string;
  readonly logger: Logger;
  /** `SELECT 1` through the read-write client; never throws. */
  ping(): Promise<HealthResult>;
  /** Closes both clients (and releases the chDB data directory). Idempotent. */
  close(): Promise<void>;
}

/**
 * Opens a store. Embedded mode creates the data directory and the database; it throws `DataDirLockedError`
 * when another process owns the directory and `StorageError` for anything else chDB refuses.
 * Server mode pings the server and throws `StorageError` naming the URL when it cannot be reached.
 */
export async function createStore(options: StoreOptions, logger: Logger): Promise<Store> {
  const database = assertIdentifier(options.database ?? DEFAULT_DATABASE, 'Database name');
  const log = logger.child({ component: 'storage', mode: options.mode, database });
  if (options.mode === 'embedded') return openEmbedded(options, database, log);
  const cluster =
    options.cluster === undefined ? undefined : assertIdentifier(options.cluster, 'Cluster name');
  const common = {
    url: options.url,
    username: options.username,
    password: options.password,
    application: 'earshot',
    request_timeout: options.requestTimeoutMs ?? 30_000,
    clickhouse_settings: PINNED_SETTINGS,
    use_multipart_params_auto: true,
    // Failures surface as our own errors with their cause; the client's own console dump is noise.
    log: { level: ClickHouseLogLevel.OFF },
  };
  const client = createClient(
    cluster ? { ...common, clickhouse_settings: { ...PINNED_SETTINGS, ...CLUSTER_WRITE_SETTINGS } } : common,
  );
  const readOnlyClient = createClient({ ...common, database });
  const store = makeStore({
    mode: 'server',
    database,
    cluster,
    client,
    readOnlyClient,
    readOnlySettings: { readonly: '1' },
    log,
    async insertTabSeparated(name, columns, bytes) {
      await client.insert({
        table: `\`${database}\`.\`${name}\``,
        values: Readable.from([bytes], { objectMode: false }),
        format: 'TabSeparated',
        columns: [...columns] as [string, ...string[]],
      });
    },
  });
  const health = await store.ping();
  if (!health.ok) {
    await store.close();
    throw new StorageError(
      `Cannot reach ClickHouse at ${redactUrl(options.url)}: ${health.error}. ` +
        'Check CLICKHOUSE_URL (scheme, host, port), CLICKHOUSE_USER / CLICKHOUSE_PASSWORD, and that the server is up; ' +
        'unset CLICKHOUSE_URL to use the embedded store.',
    );
  }
  return store;
}

async function openEmbedded(options: EmbeddedStoreOptions, database: string, log: Logger): Promise<Store> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  let rawInsert: RawInsert | undefined;
  const open = (): ClickHouseClient => {
    try {
      const connection = createChdbConnection({ path: dataDir });
      // The first session is the read-write one: the writer's raw inserts go through it.
      rawInsert ??= (params) => connection.chdb.rawInsert(params);
      // chdb types its connection against @clickhouse/client-common 1.23.0, the client bundles its own copy of
      // the same interface; they differ only in the settings type's declaration site.
      return createClient({ connection: connection as unknown as ClientConnection });
    } catch (error) {
      throw mapOpenError(error, dataDir);
    }
  };
  // Pinned settings are SET once per chDB session (a chDB session keeps SETs), not prepended to every query.
  const client = open();
  const insertRaw = rawInsert as RawInsert;
  let readOnlyClient: ClickHouseClient | undefined;
  try {
    await setSessionSettings(client, PINNED_SETTINGS);
    await client.command({ query: `CREATE DATABASE IF NOT EXISTS \`${database}\`` });
    // A second session on the same engine: it sees the same data; readonly = 1 is set last, after which the
    // session refuses writes, DDL and any further SET (including `SET readonly = 0`).
    readOnlyClient = open();
    await setSessionSettings(readOnlyClient, PINNED_SETTINGS);
    await readOnlyClient.command({ query: `USE \`${database}\`` });
    await readOnlyClient.command({ query: 'SET readonly = 1' });
  } catch (error) {
    await readOnlyClient?.close().catch(() => {});
    await client.close().catch(() => {});
    throw error instanceof StorageError
      ? error
      : new StorageError(`Could not open chDB in ${dataDir}: ${String(error)}`, { cause: error });
  }
  log.debug({ dataDir }, 'opened embedded chDB');
  return makeStore({
    mode: 'embedded',
    database,
    dataDir,
    client,
    readOnlyClient,
    readOnlySettings: {},
    log,
    async insertTabSeparated(name, columns, bytes) {
      try {
        await insertRaw({ table: `${database}.${name}`, columns, values: bytes, format: 'TabSeparated' });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new StorageError(`chDB refused the insert into ${database}.${name}: ${message}`, {
          cause: error,
        });
      }
    },
  });
}

type RawInsert = (params: {
  table: string;
  columns: readonly string[];
  values: Buffer;
  format: 'TabSeparated';
  settings?: Record<string, string | number | boolean>;
}) => Promise<unknown>;

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

async function setSessionSettings(client: ClickHouseClient, settings: ClickHouseSettings): Promise<void> {
  for (const [key, value] of Object.entries(settings)) {
    const literal =
      typeof value === 'number' ? String(value) : `'${String(value).replace(/['\\]/g, '\\$&')}'`;
    await client.command({ query: `SET ${key} = ${literal}` });
  }
}

function mapOpenError(error: unknown, dataDir: string): StorageError {
  const message = error instanceof Error ? error.message : String(error);
  if (/Cannot lock file|already running/i.test(message) || lockedByOtherProcess(dataDir)) {
    return new DataDirLockedError(dataDir, { cause: error });
  }
  if (/only one active data directory/i.test(message)) {
    return new StorageError(
      `This process already has another chDB data directory open; chDB allows one per process (wanted ${dataDir}).`,
      { cause: error },
    );
  }
  return new StorageError(`Could not open chDB in ${dataDir}: ${message}`, { cause: error });
}

/**
 * chDB prints "Cannot lock file …/status" to stderr but may throw only "Failed to create connection"; the
 * `status` file it keeps while open names the owner's pid (it is removed on a clean close).
 */
function lockedByOtherProcess(dataDir: string): boolean {
  try {
    const pid = Number(/^PID: (\d+)/m.exec(readFileSync(join(dataDir, 'status'), 'utf8'))?.[1]);
    return pid !== process.pid && isProcessAlive(pid);
  } catch {
    return false; // no status file: nobody holds the directory
  }
}

function makeStore(parts: {
  mode: 'embedded' | 'server';
  database: string;
  dataDir?: string;
  cluster?: string;
  client: ClickHouseClient;
  readOnlyClient: ClickHouseClient;
  readOnlySettings: ClickHouseSettings;
  log: Logger;
  insertTabSeparated: StoreInternals['insertTabSeparated'];
}): Store {
  let tail: Promise<unknown> = Promise.resolve();
  let closed: Promise<void> | undefined;
  const store: Store = {
    mode: parts.mode,
    database: parts.database,
    dataDir: parts.dataDir,
    cluster: parts.cluster,
    logger: parts.log,
    async ping() {
      try {
        const result = await parts.client.ping({ select: true });
        return result.success ? { ok: true } : { ok: false, error: String(result.error) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
    close() {
      closed ??= (async () => {
        await parts.readOnlyClient.close();
        await parts.client.close();
      })();
      return closed;
    },
  };
  return attachInternals(store, {
    client: parts.client,
    readOnlyClient: parts.readOnlyClient,
    readOnlySettings: parts.readOnlySettings,
    table: (name) => `\`${parts.database}\`.\`${assertIdentifier(name, 'Table name')}\``,
    exclusive<T>(fn: () => Promise<T>): Promise<T> {
      const run = tail.then(fn, fn);
      tail = run.catch(() => {});
      return run;
    },
    insertTabSeparated: (name, columns, bytes) =>
      parts.insertTabSeparated(assertIdentifier(name, 'Table name') as TableName, columns, bytes),
  });
}

/** The URL without any password it may carry, for messages. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
