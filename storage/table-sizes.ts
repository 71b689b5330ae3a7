/**
 * How much disk each Earshot table takes: rows and compressed / uncompressed bytes of its active parts,
 * from `system.parts`. For sizing (bench/ingest.ts --sizes, docs/deploy.md).
 */
import type { Store } from './client.js';
import { resultObjects } from './query.js';
import { runReadQuery, toCount, type ReadQuery } from './read-query.js';

/** One table's footprint. */
export interface TableSize {
  table: string;
  rows: number;
  compressedBytes: number;
  uncompressedBytes: number;
}

const TABLE_SIZES_SQL = `
  SELECT table, sum(rows) AS rows, sum(data_compressed_bytes) AS compressed,
         sum(data_uncompressed_bytes) AS uncompressed
  FROM system.parts
  WHERE active AND database = {database:String}
  GROUP BY table
  ORDER BY table`;

/** The table sizes read for `database`, tables in name order. */
export function tableSizesQuery(database: string): ReadQuery<TableSize[]> {
  return {
    name: 'table sizes',
    sql: TABLE_SIZES_SQL,
    params: { database },
    decode: (result) =>
      resultObjects(result).map((r) => ({
        table: String(r.table),
        rows: toCount(r.rows),
        compressedBytes: toCount(r.compressed),
        uncompressedBytes: toCount(r.uncompressed),
      })),
  };
}

/** Sizes of the store's own tables (see `tableSizesQuery`). */
export async function tableSizes(store: Store): Promise<TableSize[]> {
  return runReadQuery(store, tableSizesQuery(store.database));
}
