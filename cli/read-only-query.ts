/**
 * Runs one read-only query the way every reporting command needs it: through the SQL endpoint of a
 * running `earshot up` (chDB allows one process per data dir), else on chDB opened directly, else on
 * the server named by CLICKHOUSE_URL. Named reads come from storage/ (`ReadQuery`); this file holds no SQL.
 */
import { pino } from 'pino';
import type { Store } from '../storage/client.js';
import { queryReadOnly, resultObjects, type QueryParams, type QueryResult } from '../storage/query.js';
import { runReadQuery, type ReadQuery } from '../storage/read-query.js';
import { querySqlEndpoint } from '../storage/sql-endpoint.js';
import { resolveDataDir } from './data-dir.js';
import { storeOptionsFromEnv } from './store-options.js';

/** Runs a named storage read (e.g. `sourceStatusQuery()`) against the data of `dataDirFlag`, typed. */
export async function runRead<T>(query: ReadQuery<T>, dataDirFlag?: string): Promise<T> {
  return withReadOnlyData(
    dataDirFlag,
    (dataDir) => querySqlEndpoint(dataDir, query.sql, query.params),
    (result) => query.decode(result),
    (store) => runReadQuery(store, query),
  );
}

/** Runs ad-hoc SQL (`earshot sql`) read-only against the data of `dataDirFlag` (or $EARSHOT_DATA_DIR / ./.earshot/data). */
export async function runReadOnlyQuery(
  query: string,
  params: QueryParams = {},
  dataDirFlag?: string,
): Promise<QueryResult> {
  return withReadOnlyData(
    dataDirFlag,
    (dataDir) => querySqlEndpoint(dataDir, query, params),
    (result) => result,
    (store) => queryReadOnly(store, query, params),
  );
}

/** Asks the endpoint of a running `earshot up` first; otherwise opens the store and runs `direct` on it. */
async function withReadOnlyData<T>(
  dataDirFlag: string | undefined,
  viaEndpoint: (dataDir: string) => Promise<QueryResult | null>,
  decode: (result: QueryResult) => T,
  direct: (store: Store) => Promise<T>,
): Promise<T> {
  const dataDir = resolveDataDir(dataDirFlag, process.env);
  const options = storeOptionsFromEnv(process.env, dataDir);
  if (options.mode === 'embedded') {
    const result = await viaEndpoint(dataDir);
    if (result) return decode(result);
  }
  // Loaded only here: opening the store loads chDB's native engine, which the endpoint path never needs.
  const { createStore } = await import('../storage/client.js');
  const { migrate } = await import('../storage/migrations/index.js');
  const logger = pino({ level: process.env.EARSHOT_LOG_LEVEL ?? 'warn' }, pino.destination(2));
  const store = await createStore(options, logger);
  try {
    if (options.mode === 'embedded') await migrate(store); // so the documented tables exist on a fresh dir
    return await direct(store);
  } finally {
    await store.close();
  }
}

/** Rows as objects keyed by column name. */
export const toObjects: (result: QueryResult) => Record<string, unknown>[] = resultObjects;
