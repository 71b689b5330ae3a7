/**
 * Runs one read-only query the way every reporting command needs it: through the SQL endpoint of a
 * running `earshot up` (chDB allows one process per data dir), else on chDB opened directly, else on
 * the server named by CLICKHOUSE_URL.
 */
import { pino } from 'pino';
import type { QueryParams, QueryResult } from '../storage/query.js';
import { querySqlEndpoint } from '../storage/sql-endpoint.js';
import { resolveDataDir } from './data-dir.js';
import { storeOptionsFromEnv } from './store-options.js';

/** Runs `query` read-only against the data of `dataDirFlag` (or $EARSHOT_DATA_DIR / ./.earshot/data). */
export async function runReadOnlyQuery(
  query: string,
  params: QueryParams = {},
  dataDirFlag?: string,
): Promise<QueryResult> {
  const dataDir = resolveDataDir(dataDirFlag, process.env);
  const options = storeOptionsFromEnv(process.env, dataDir);
  if (options.mode === 'embedded') {
    const viaEndpoint = await querySqlEndpoint(dataDir, query, params);
    if (viaEndpoint) return viaEndpoint;
  }
  // Loaded only here: opening the store loads chDB's native engine, which the endpoint path never needs.
  const { createStore } = await import('../storage/client.js');
  const { migrate } = await import('../storage/migrations/index.js');
  const { queryReadOnly } = await import('../storage/query.js');
  const logger = pino({ level: process.env.EARSHOT_LOG_LEVEL ?? 'warn' }, pino.destination(2));
  const store = await createStore(options, logger);
  try {
    if (options.mode === 'embedded') await migrate(store); // so the documented tables exist on a fresh dir
    return await queryReadOnly(store, query, params);
  } finally {
    await store.close();
  }
}

/** Rows as objects keyed by column name. */
export function toObjects(result: QueryResult): Record<string, unknown>[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.name, row[i]])));
}
