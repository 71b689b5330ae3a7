import { describe, expect, it } from 'vitest';
import type { Store } from '../../../storage/client.js';
import { MENTION_INSERT_COLUMNS } from '../../../storage/mention-row.js';
import { queryReadOnly } from '../../../storage/query.js';
import { MENTION_HOURLY_COLUMNS, TABLE_COLUMNS, TABLES, VIEWS } from '../../../storage/schema.js';
import { useTestStore } from './helpers.js';

let store: Store;
useTestStore((opened) => (store = opened));

describe('storage/schema.ts', () => {
  it('names exactly the tables and views the migrations create', async () => {
    const { rows } = await queryReadOnly(
      store,
      'SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name',
    );
    expect(rows.map(([name]) => name)).toEqual([...Object.keys(TABLES), ...Object.keys(VIEWS)].sort());
  });

  it.each(Object.entries(TABLE_COLUMNS))(
    'lists every column of %s, in table order',
    async (table, columns) => {
      const { rows } = await queryReadOnly(
        store,
        `SELECT name FROM system.columns WHERE database = currentDatabase() AND table = {table:String}
       ORDER BY position`,
        { table },
      );
      expect(rows.map(([name]) => name)).toEqual(columns);
    },
  );

  it('maps each name to itself, so a reference reads as the SQL it produces', () => {
    expect(TABLES.mention_hourly).toBe('mention_hourly');
    expect(MENTION_HOURLY_COLUMNS.unique_authors).toBe('unique_authors');
    expect([...MENTION_INSERT_COLUMNS].sort()).toEqual([...TABLE_COLUMNS.mentions].sort());
  });
});
