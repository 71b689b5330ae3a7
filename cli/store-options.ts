/**
 * Where the ClickHouse data lives, decided once from the environment by the composition roots (`earshot up`,
 * `earshot worker`, `earshot sql`). Libraries never read the environment; they take the result.
 */
import { join } from 'node:path';
import type { StoreOptions } from '../storage/client.js';

/** chDB's directory inside Earshot's data dir; the SQL endpoint file sits in the data dir itself. */
export const chdbDataDir = (dataDir: string): string => join(dataDir, 'clickhouse');

/**
 * `CLICKHOUSE_URL` set → a server (`CLICKHOUSE_USER`, `CLICKHOUSE_PASSWORD`, `CLICKHOUSE_DATABASE`, and
 * `CLICKHOUSE_CLUSTER` for cluster mode);
 * otherwise embedded chDB under `<dataDir>/clickhouse` (database `CLICKHOUSE_DATABASE` or `earshot`).
 */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv, dataDir: string): StoreOptions {
  const database = env.CLICKHOUSE_DATABASE || undefined;
  if (env.CLICKHOUSE_URL) {
    return {
      mode: 'server',
      url: env.CLICKHOUSE_URL,
      username: env.CLICKHOUSE_USER || undefined,
      password: env.CLICKHOUSE_PASSWORD || undefined,
      database,
      cluster: env.CLICKHOUSE_CLUSTER || undefined,
    };
  }
  if (env.CLICKHOUSE_CLUSTER) {
    throw new Error(
      `CLICKHOUSE_CLUSTER=${env.CLICKHOUSE_CLUSTER} needs a ClickHouse server: set CLICKHOUSE_URL to one node of the ` +
        'cluster, or unset CLICKHOUSE_CLUSTER to use the embedded store.',
    );
  }
  return { mode: 'embedded', dataDir: chdbDataDir(dataDir), database };
}
