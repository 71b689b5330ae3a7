/**
 * Named reads: each read storage offers is a `ReadQuery` (its SQL, its parameters and a decoder to typed rows)
 * built by a function of storage/ (`sourceStatusQuery`, `staleMentionCountQuery`, `mentionSeriesQuery`, …).
 * In-process callers run one with `runReadQuery(store, query)` (or the store-taking wrapper next to it); the
 * CLI, when `earshot up` owns chDB, runs the same on a server-mode store connected to up's ClickHouse HTTP
 * interface (storage/clickhouse-http). Either way the SQL text stays in storage/.
 */
import { StorageError } from '../core/errors.js';
import type { Store } from './client.js';
import { executeReadOnly, type QueryParams, type QueryResult } from './query.js';

/** One read-only statement and how to turn its result into `T`. */
export interface ReadQuery<T> {
  /** What is read, for messages: `source status`, `stale mention count`, … */
  readonly name: string;
  /**
   * One SELECT with unqualified table names (the read-only connection's default database is Earshot's), no
   * SETTINGS clause and every value a `{name:Type}` parameter, so it also runs over the HTTP interface.
   */
  readonly sql: string;
  /** Values of the `{name:Type}` placeholders (they may travel as `param_<name>` over HTTP). */
  readonly params: QueryParams;
  /** Maps the result, as `queryReadOnly` returns it, to typed rows. */
  decode(result: QueryResult): T;
}

/**
 * Runs a named read on the store's read-only connection. Throws `StorageError` naming the read (ClickHouse's
 * error as `cause`) when ClickHouse fails.
 */
export async function runReadQuery<T>(store: Store, query: ReadQuery<T>): Promise<T> {
  let result: QueryResult;
  try {
    result = await executeReadOnly(store, query.sql, query.params);
  } catch (error) {
    const message = error instanceof Error ? error.message.trim() : String(error);
    throw new StorageError(`Could not read the ${query.name} from ClickHouse: ${message}`, { cause: error });
  }
  return query.decode(result);
}

/** A counter as ClickHouse returns it (64-bit integers arrive as strings) as a number; NULL → 0. */
export function toCount(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
