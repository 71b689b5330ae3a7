/**
 * For processes that write to a store they do not own: a second `earshot worker` on the embedded store's
 * HTTP interface connects as `writer`, which may not run DDL, so it cannot migrate. It checks instead that
 * the owner (`earshot up`, which migrates on start) has applied every migration this build knows.
 */
import type { Logger } from '../core/logger.js';
import { StorageError } from '../core/errors.js';
import type { Store } from './client.js';
import { internals } from './internals.js';
import { MIGRATIONS, migrate, migrationChecksum } from './migrations/index.js';

/** ClickHouse's QUERY_IS_PROHIBITED: DDL refused for the user (`allow_ddl = 0`). */
const DDL_REFUSED = '392';

/** Migrates; when the user may not run DDL, verifies that every migration is already applied instead. */
export async function migrateOrVerify(store: Store, logger: Logger = store.logger): Promise<void> {
  try {
    await migrate(store, logger);
    return;
  } catch (error) {
    if ((error as { code?: unknown }).code !== DDL_REFUSED) throw error;
  }
  const { readOnlyClient } = internals(store);
  let applied: Map<number, string>;
  try {
    const rs = await readOnlyClient.query({
      query: 'SELECT version, checksum FROM schema_migrations FINAL',
      format: 'JSONEachRow',
    });
    applied = new Map(
      (await rs.json<{ version: number; checksum: string }>()).map((r) => [Number(r.version), r.checksum]),
    );
  } catch (error) {
    throw new StorageError(
      `This ClickHouse user may not run DDL and the schema cannot be read (${String(error)}); start \`earshot up\` first, which migrates.`,
      { cause: error },
    );
  }
  const missing = MIGRATIONS.filter((m) => applied.get(m.version) !== migrationChecksum(m));
  if (missing.length > 0) {
    throw new StorageError(
      `Migrations ${missing.map((m) => `${m.version} (${m.name})`).join(', ')} are not applied and this ClickHouse user ` +
        'may not run DDL. Restart `earshot up` with this version of Earshot (it migrates on start), then start this worker again.',
    );
  }
  logger.info(
    { migrations: MIGRATIONS.length },
    'schema is current (DDL is the store owner’s; this user may not run it)',
  );
}
