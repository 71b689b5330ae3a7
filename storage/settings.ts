/**
 * The ClickHouse settings Earshot pins, in one place, so embedded chDB (26.x defaults) and any server version
 * behave the same. See docs/tech-reference.md gotchas 15–16.
 */
import type { ClickHouseSettings } from '@clickhouse/client';
import { StorageError } from '../core/errors.js';

/**
 * Settings sent with every query and insert.
 *
 * - 64-bit integers are returned as JSON **strings** (`"42"`): exact at any size, and what servers before 25.8
 *   did by default. Typed readers in this library convert counters with `Number()`; `queryReadOnly` hands
 *   analysts the strings unchanged.
 * - `async_insert = 0`: our writes are already batched (≥ 1 page per insert) and the writer must read its own
 *   writes on the next upsert; server-side buffering would break that.
 * - `date_time_input_format = 'basic'`: the writer sends `YYYY-MM-DD hh:mm:ss.sss` in UTC; nothing is guessed.
 * - `session_timezone = 'UTC'`: `now()`, `toDate()` and friends mean the same on every machine.
 * - named tuples (aspects) travel as JSON objects `{aspect, sentiment}` both ways.
 */
export const PINNED_SETTINGS = {
  output_format_json_quote_64bit_integers: 1,
  async_insert: 0,
  wait_for_async_insert: 1,
  date_time_input_format: 'basic',
  session_timezone: 'UTC',
  input_format_json_named_tuples_as_objects: 1,
  output_format_json_named_tuples_as_objects: 1,
} as const satisfies ClickHouseSettings;

/**
 * Added to the writer's settings in cluster mode: an insert into a Distributed table returns only once the
 * shards hold the rows (not queued for a background send), so the next upsert reads its own writes exactly
 * as on one server, and a failed insert fails the activity instead of being lost in a queue.
 */
export const CLUSTER_WRITE_SETTINGS = {
  distributed_foreground_insert: 1,
} as const satisfies ClickHouseSettings;

/** Name of the database Earshot creates and uses unless told otherwise. */
export const DEFAULT_DATABASE = 'earshot';

/** Database names are interpolated into DDL as identifiers, so they must be plain identifiers. */
export function assertIdentifier(name: string, what: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) {
    throw new StorageError(`${what} ${JSON.stringify(name)} is not a plain identifier (letters, digits, _).`);
  }
  return name;
}
