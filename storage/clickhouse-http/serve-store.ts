/**
 * Serves an embedded store over the ClickHouse HTTP interface and publishes it in Earshot's data dir: what
 * `earshot up` (and tests that need a running store) call. The users file is created on first use.
 */
import type { Logger } from '../../core/logger.js';
import { StorageError } from '../../core/errors.js';
import type { Store } from '../client.js';
import { publishHttpEndpoint } from './discovery.js';
import { startClickHouseHttp, type HttpLimits } from './server.js';
import type { QueryCaps } from './settings-policy.js';
import { ensureHttpUsers, type HttpCredentials } from './users.js';

export interface ServedStore {
  url: string;
  host: string;
  port: number;
  credentials: HttpCredentials;
  /** Removes the discovery file (if still ours) and stops the server. Idempotent. */
  close(): Promise<void>;
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

export async function serveStoreOverHttp(
  store: Store,
  options: {
    /** Earshot's data dir (where the users and discovery files live), not chDB's. */
    dataDir: string;
    logger: Logger;
    host?: string;
    port?: number;
    limits?: Partial<HttpLimits>;
    caps?: Partial<QueryCaps>;
  },
): Promise<ServedStore> {
  if (store.mode !== 'embedded' || !store.dataDir) {
    throw new StorageError(
      'Only an embedded store is served over HTTP; a ClickHouse server has its own interface.',
    );
  }
  const credentials = ensureHttpUsers(options.dataDir);
  const server = await startClickHouseHttp({
    chdbDir: store.dataDir,
    database: store.database,
    credentials,
    logger: options.logger,
    host: options.host,
    port: options.port,
    limits: options.limits,
    caps: options.caps,
  });
  const wildcard = server.host === '0.0.0.0' || server.host === '::';
  let unpublish: () => void;
  try {
    unpublish = publishHttpEndpoint(options.dataDir, {
      url: wildcard ? `http://127.0.0.1:${server.port}` : server.url,
      host: server.host,
      port: server.port,
      database: store.database,
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    host: server.host,
    port: server.port,
    credentials,
    close() {
      closing ??= (async () => {
        unpublish();
        await server.close();
      })();
      return closing;
    },
  };
}
