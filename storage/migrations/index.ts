/**
 * Versioned, idempotent schema migrations recorded in `schema_migrations`. `migrate()` is safe to run on every
 * start, repeatedly, and from two processes at once against a server: every statement is `IF NOT EXISTS`, and
 * the record table is a ReplacingMergeTree keyed by version.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../../core/logger.js';
import type { Store } from '../client.js';
import { toDateTime64 } from '../datetime.js';
import { MigrationError } from '../errors.js';
import { internals } from '../internals.js';
import { mentionsMigration } from './0001-mentions.js';
import { runsAndCursorsMigration } from './0002-runs-cursors.js';
import { stateHashCommentMigration } from './0003-state-hash-comment.js';
import { fiveMinuteAggregatesMigration } from './0004-five-minute-aggregates.js';
import { alertsMigration } from './0005-alerts.js';
import { correctionsMigration } from './0006-corrections.js';
import { replyThreadsMigration } from './0007-reply-threads.js';
import { careRecordsMigration } from './0008-care-records.js';
import { clusterStatements, tablesCreatedBy } from './cluster.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  mentionsMigration,
  runsAndCursorsMigration,
  stateHashCommentMigration,
  fiveMinuteAggregatesMigration,
  alertsMigration,
  correctionsMigration,
  replyThreadsMigration,
  careRecordsMigration,
];

/** What `migrate()` did. */
export interface MigrateResult {
  applied: number[];
  alreadyApplied: number[];
}

/** sha256 of a migration's statements (before `{db}` substitution), so a database name change keeps checksums. */
export function migrationChecksum(migration: Migration): string {
  return createHash('sha256').update(migration.statements.join('\n;\n')).digest('hex');
}

// A `{db}` placeholder like the migrations', so cluster mode rewrites it the same way.
const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS {db}.schema_migrations (
  version UInt32 COMMENT 'Migration number (storage/migrations/NNNN-*.ts)',
  name String COMMENT 'What the migration does',
  checksum String COMMENT 'sha256 of the migration''s statements; a mismatch means a released migration was edited',
  applied_at DateTime64(3, 'UTC') COMMENT 'When the migration finished'
)
ENGINE = ReplacingMergeTree(applied_at)
ORDER BY version
COMMENT 'Schema migrations applied to this database (read with FINAL).'`;

/**
 * How `store` runs one migration statement: as it is on one server or chDB; rewritten for the cluster
 * (storage/migrations/cluster.ts) in cluster mode. `{db}` is replaced by the quoted database name.
 */
function statementsFor(
  store: Store,
  migrations: readonly Migration[],
  db: string,
): (statement: string) => string[] {
  const context = store.cluster
    ? {
        cluster: store.cluster,
        tables: new Set([...tablesCreatedBy([...MIGRATIONS, ...migrations]), 'schema_migrations']),
      }
    : undefined;
  return (statement) =>
    (context ? clusterStatements(statement, context) : [statement]).map((s) => s.replaceAll('{db}', db));
}

/**
 * Creates the database and applies pending migrations in order. Throws `MigrationError` when an applied
 * migration's checksum differs from the code's (someone edited a released migration) or a statement fails.
 */
export async function migrate(
  store: Store,
  logger: Logger = store.logger,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrateResult> {
  const { client, exclusive, table } = internals(store);
  return exclusive(async () => {
    const db = `\`${store.database}\``;
    const forStore = statementsFor(store, migrations, db);
    const onCluster = store.cluster ? ` ON CLUSTER \`${store.cluster}\`` : '';
    await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${db}${onCluster}` });
    for (const query of forStore(MIGRATIONS_TABLE)) await client.command({ query });
    const rs = await client.query({
      query: `SELECT version, checksum FROM ${table('schema_migrations')} FINAL`,
      format: 'JSONEachRow',
    });
    const applied = new Map(
      (await rs.json<{ version: number; checksum: string }>()).map((r) => [Number(r.version), r.checksum]),
    );
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      const checksum = migrationChecksum(migration);
      const recorded = applied.get(migration.version);
      if (recorded !== undefined) {
        if (recorded !== checksum) {
          throw new MigrationError(
            `Migration ${migration.version} (${migration.name}) was changed after it was applied to database ` +
              `${store.database}. Restore the original file and add a new migration for the change.`,
          );
        }
        result.alreadyApplied.push(migration.version);
        continue;
      }
      for (const statement of migration.statements) {
        try {
          for (const query of forStore(statement)) await client.command({ query });
        } catch (error) {
          throw new MigrationError(
            `Migration ${migration.version} (${migration.name}) failed on database ${store.database}: ` +
              `${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          );
        }
      }
      await client.insert({
        table: table('schema_migrations'),
        values: [
          {
            version: migration.version,
            name: migration.name,
            checksum,
            applied_at: toDateTime64(Date.now()),
          },
        ],
        format: 'JSONEachRow',
      });
      logger.info({ version: migration.version, migration: migration.name }, 'applied migration');
      result.applied.push(migration.version);
    }
    return result;
  });
}
