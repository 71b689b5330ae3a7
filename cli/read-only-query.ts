/**
 * Runs one read-only query the way every reporting command needs it: while `earshot up` runs, through its
 * ClickHouse HTTP interface as the `analyst` user, with @clickhouse/client in server mode (chDB allows one
 * process per data dir, and this is the same protocol analysts' tools speak); else on chDB opened directly;
 * else on the server named by CLICKHOUSE_URL. Named reads come from storage/ (`ReadQuery`); this file holds no SQL.
 */
import { pino } from 'pino';
import type { Store, StoreOptions } from '../storage/client.js';
import { readHttpEndpoint, readHttpUsers } from '../storage/clickhouse-http/index.js';
import { queryReadOnly, resultObjects, type QueryParams, type QueryResult } from '../storage/query.js';
import { runReadQuery, type ReadQuery } from '../storage/read-query.js';
import { resolveDataDir } from './data-dir.js';
import { storeOptionsFromEnv } from './store-options.js';

/** Runs a named storage read (e.g. `sourceStatusQuery()`) against the data of `dataDirFlag`, typed. */
export async function runRead<T>(query: ReadQuery<T>, dataDirFlag?: string): Promise<T> {
  return withReadOnlyStore(dataDirFlag, (store) => runReadQuery(store, query));
}

/** Runs ad-hoc SQL (`earshot sql`) read-only against the data of `dataDirFlag` (or $EARSHOT_DATA_DIR / ./.earshot/data). */
export async function runReadOnlyQuery(
  query: string,
  params: QueryParams = {},
  dataDirFlag?: string,
): Promise<QueryResult> {
  return withReadOnlyStore(dataDirFlag, (store) => queryReadOnly(store, query, params));
}

/**
 * The running `earshot up`'s interface as a server-mode store (user `analyst`) when there is one for the
 * data dir; otherwise the store the environment names (embedded: migrated, so the documented tables exist).
 */
export async function withReadOnlyStore<T>(
  dataDirFlag: string | undefined,
  run: (store: Store) => Promise<T>,
): Promise<T> {
  const dataDir = resolveDataDir(dataDirFlag, process.env);
  let options: StoreOptions = storeOptionsFromEnv(process.env, dataDir);
  const viaUp = options.mode === 'embedded' ? runningUpStore(dataDir, options.database) : null;
  if (viaUp) options = viaUp;
  // Loaded only here: opening an embedded store loads chDB's native engine, which the HTTP path never needs.
  const { createStore } = await import('../storage/client.js');
  const logger = pino({ level: process.env.EARSHOT_LOG_LEVEL ?? 'warn' }, pino.destination(2));
  const store = await createStore(options, logger);
  try {
    if (options.mode === 'embedded') {
      const { migrate } = await import('../storage/migrations/index.js');
      await migrate(store);
    }
    return await run(store);
  } finally {
    await store.close();
  }
}

function runningUpStore(dataDir: string, database: string | undefined): StoreOptions | null {
  const endpoint = readHttpEndpoint(dataDir);
  const users = endpoint ? readHttpUsers(dataDir) : null;
  if (!endpoint || !users) return null;
  return {
    mode: 'server',
    url: endpoint.url,
    username: 'analyst',
    password: users.analyst,
    database: database ?? endpoint.database,
  };
}

/** Rows as objects keyed by column name. */
export const toObjects: (result: QueryResult) => Record<string, unknown>[] = resultObjects;
