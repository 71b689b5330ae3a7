import { describe, expect, it } from 'vitest';
import type { Store } from '../../../storage/client.js';
import { MigrationError } from '../../../storage/errors.js';
import { MIGRATIONS, migrate } from '../../../storage/migrations/index.js';
import { queryReadOnly } from '../../../storage/query.js';
import { useTestStore } from './helpers.js';

let store: Store;
useTestStore((opened) => (store = opened));

describe('migrate', () => {
  it('is idempotent: a second and third run apply nothing and record each version once', async () => {
    expect(await migrate(store)).toEqual({ applied: [], alreadyApplied: MIGRATIONS.map((m) => m.version) });
    await Promise.all([migrate(store), migrate(store)]);
    const { rows } = await queryReadOnly(
      store,
      'SELECT version, count() FROM schema_migrations GROUP BY version ORDER BY version',
    );
    expect(rows).toEqual(MIGRATIONS.map((m) => [m.version, '1']));
  });

  it('refuses to run when an applied migration was edited', async () => {
    const edited = MIGRATIONS.map((m, i) =>
      i === 0 ? { ...m, statements: [...m.statements, 'SELECT 1'] } : m,
    );
    await expect(migrate(store, store.logger, edited)).rejects.toBeInstanceOf(MigrationError);
  });

  it('comments every column of every table, and every table and view', async () => {
    const columns = await queryReadOnly(
      store,
      `SELECT c.table, c.name FROM system.columns AS c
       JOIN system.tables AS t ON t.database = c.database AND t.name = c.table
       WHERE c.database = currentDatabase() AND t.engine != 'MaterializedView' AND c.comment = ''`,
    );
    expect(columns.rows).toEqual([]);
    const tables = await queryReadOnly(
      store,
      'SELECT name, engine, comment FROM system.tables WHERE database = currentDatabase() ORDER BY name',
    );
    expect(tables.rows.map(([name]) => name)).toEqual([
      'alert_deliveries',
      'alert_watch_state',
      'alerts',
      'aspect_5m',
      'aspect_5m_mv',
      'aspect_hourly',
      'aspect_hourly_mv',
      'connector_cursors',
      'corrections',
      'ingest_runs',
      'mention_5m',
      'mention_5m_mv',
      'mention_hourly',
      'mention_hourly_mv',
      'mentions',
      'schema_migrations',
      'survey_responses',
      'tickets',
    ]);
    for (const [name, , comment] of tables.rows) expect(comment, String(name)).not.toBe('');
  });

  it('shows the comments through DESCRIBE, as analysts read them', async () => {
    const { columns, rows } = await queryReadOnly(store, 'DESCRIBE TABLE mentions');
    const comment = columns.findIndex((c) => c.name === 'comment');
    expect(rows.find((r) => r[0] === 'brand')?.[comment]).toMatch(/Brand/);
  });
});
