/** Read-only SQL for analysts, `earshot sql` and the SQL endpoint; the read path of storage's named reads. */
import type { Store } from './client.js';
import { QueryRejectedError } from './errors.js';
import { internals } from './internals.js';
import { countStatements } from './sql-statements.js';

/** Name and ClickHouse type of a result column. */
export interface ResultColumn {
  name: string;
  type: string;
}

/**
 * A query result. Values are as ClickHouse's JSON formats print them: 64-bit integers as strings, dates as
 * `YYYY-MM-DD hh:mm:ss[.sss]` strings, arrays / tuples / maps as JSON arrays / objects.
 */
export interface QueryResult {
  columns: ResultColumn[];
  rows: unknown[][];
}

/** Query parameters for `{name:Type}` placeholders. */
export type QueryParams = Record<string, unknown>;

const READONLY_CODE = '164';

/**
 * Runs one SQL statement that must not write, in the store's database. Writes (INSERT, DROP, ALTER, SET,
 * CREATE TEMPORARY …, table functions such as file() or url()) are refused by ClickHouse's `readonly = 1`:
 * embedded, by a chDB session locked read-only at open; on a server, by the per-query setting (the server
 * user must be allowed to set it). Several statements in one text are refused here, as the HTTP interface does.
 *
 * Throws `QueryRejectedError` for a refused or invalid query (with ClickHouse's code when it has one).
 */
export async function queryReadOnly(
  store: Store,
  sql: string,
  params: QueryParams = {},
): Promise<QueryResult> {
  const statements = countStatements(sql);
  if (statements === 0) throw new QueryRejectedError('The query is empty.');
  if (statements > 1) {
    throw new QueryRejectedError(`The query holds ${statements} statements; send one statement at a time.`);
  }
  try {
    return await executeReadOnly(store, sql, params);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === READONLY_CODE) {
      throw new QueryRejectedError(`Refused: this connection is read-only (${message.trim()})`, code, {
        cause: error,
      });
    }
    throw new QueryRejectedError(message.trim(), typeof code === 'string' ? code : undefined, {
      cause: error,
    });
  }
}

/**
 * Ad-hoc read-only SQL (as `queryReadOnly`), rows as objects keyed by column name. For tests and scripts; the
 * pipeline's own reads are named functions of storage/ (storage/read-query.ts).
 */
export async function queryObjects<T = Record<string, unknown>>(
  store: Store,
  sql: string,
  params: QueryParams = {},
): Promise<T[]> {
  return resultObjects(await queryReadOnly(store, sql, params)) as T[];
}

/** A result's rows as objects keyed by column name (values unchanged). */
export function resultObjects(result: QueryResult): Record<string, unknown>[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.name, row[i]])));
}

/**
 * Storage-internal: one statement on the store's read-only client, in the format `QueryResult` describes.
 * Errors are the client's own; callers map them.
 */
export async function executeReadOnly(store: Store, sql: string, params: QueryParams): Promise<QueryResult> {
  const { readOnlyClient, readOnlySettings } = internals(store);
  const rs = await readOnlyClient.query({
    query: sql,
    query_params: params,
    format: 'JSONCompactEachRowWithNamesAndTypes',
    clickhouse_settings: readOnlySettings,
  });
  const [names = [], types = [], ...rows] = await rs.json<unknown[]>();
  return {
    columns: names.map((name, i) => ({ name: String(name), type: String(types[i]) })),
    rows,
  };
}
