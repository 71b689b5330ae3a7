/**
 * Storage-internal: the ClickHouse clients behind a `Store`. Only modules of storage/ import this file; code
 * outside storage/ calls storage functions and never sees a client or writes SQL (docs/house-style.md).
 */
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import { StorageError } from '../core/errors.js';
import type { Store } from './client.js';
import type { TableName } from './schema.js';

/** What storage modules need from an open store besides its public fields. */
export interface StoreInternals {
  /** Read-write client. Table names in SQL sent through it are always qualified (`table()`). */
  readonly client: ClickHouseClient;
  /**
   * Client whose default database is the store's and that refuses writes: in embedded mode a second chDB
   * session with `readonly = 1` set for its whole life; on a server the same is sent as a per-query setting
   * (`readOnlySettings`). SQL sent through it uses unqualified table names.
   */
  readonly readOnlyClient: ClickHouseClient;
  /** Settings to send with every query of `readOnlyClient`. */
  readonly readOnlySettings: ClickHouseSettings;
  /** Fully qualified, quoted table name for the read-write client: `` `earshot`.`mentions` ``. */
  table(name: TableName): string;
  /** Runs `fn` after every earlier `exclusive` call of this store finished (an in-process write mutex). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Inserts already encoded TabSeparated rows into `name` (`columns` in the bytes' order), as one INSERT
   * statement. Embedded: chDB's raw insert, which hands the bytes to the engine without a copy (the client's
   * chDB connection turns an insert body into JS strings twice, ~3 copies of every batch in the V8 heap).
   * Server: the bytes as the HTTP request body.
   */
  insertTabSeparated(name: TableName, columns: readonly string[], bytes: Buffer): Promise<void>;
}

const registry = new WeakMap<Store, StoreInternals>();

/** Binds `internals` to `store` (called once, by createStore) and returns the store. */
export function attachInternals(store: Store, internals: StoreInternals): Store {
  registry.set(store, internals);
  return store;
}

/** The internals of a store opened by `createStore`; throws `StorageError` for any other object. */
export function internals(store: Store): StoreInternals {
  const found = registry.get(store);
  if (!found) throw new StorageError('Not a store opened by createStore (storage/client.ts).');
  return found;
}
