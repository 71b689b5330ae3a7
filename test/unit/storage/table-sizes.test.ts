import { describe, expect, it } from 'vitest';
import type { Store } from '../../../storage/client.js';
import { upsertMentions } from '../../../storage/mentions.js';
import { tableSizes } from '../../../storage/table-sizes.js';
import { mention, useTestStore } from './helpers.js';

let store: Store;
useTestStore(async (opened) => {
  store = opened;
  await upsertMentions(store, [
    mention({ native_id: 'a1' }),
    mention({ native_id: 'a2', text: 'Acme support was awful' }),
    mention({ native_id: 'a3', brand: 'globex' }),
  ]);
});

describe('tableSizes', () => {
  it("reports the rows and bytes of the store's tables, in name order", async () => {
    const sizes = await tableSizes(store);
    expect(sizes.map((s) => s.table)).toEqual([...sizes.map((s) => s.table)].sort());
    const mentions = sizes.find((s) => s.table === 'mentions');
    expect(mentions).toMatchObject({ table: 'mentions', rows: 3 });
    expect(mentions!.compressedBytes).toBeGreaterThan(0);
    expect(mentions!.uncompressedBytes).toBeGreaterThan(0);
    // Only this database's tables, and only tables with data.
    expect(sizes.every((s) => s.rows > 0)).toBe(true);
  });
});
