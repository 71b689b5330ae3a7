/** Connector cursors: where each configured source's next poll resumes. */
import type { Store } from './client.js';
import { internals } from './internals.js';
import { StorageError } from '../core/errors.js';

/**
 * Latest saved cursor of a source, parsed from JSON, or `null` when none was saved yet.
 * Throws `StorageError` when the stored text is not JSON (hand-edited table).
 */
export async function loadCursor(store: Store, sourceId: string): Promise<unknown> {
  const { client, table } = internals(store);
  const rs = await client.query({
    query: `SELECT cursor FROM ${table('connector_cursors')} FINAL WHERE source_id = {source_id:String} LIMIT 1`,
    query_params: { source_id: sourceId },
    format: 'JSONEachRow',
  });
  const [row] = await rs.json<{ cursor: string }>();
  if (!row) return null;
  try {
    return JSON.parse(row.cursor) as unknown;
  } catch (error) {
    throw new StorageError(
      `Stored cursor of source ${sourceId} is not valid JSON; delete its row to restart.`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Saves a source's cursor (any JSON-serializable value). Call only after the page it covers is stored.
 * The version is computed in the same statement, so it always beats the previous save.
 */
export async function saveCursor(store: Store, sourceId: string, cursor: unknown): Promise<void> {
  const json = JSON.stringify(cursor);
  if (json === undefined) throw new StorageError(`Cursor of source ${sourceId} is not JSON-serializable.`);
  const { client, exclusive, table } = internals(store);
  const cursors = table('connector_cursors');
  await exclusive(() =>
    client.command({
      query: `
        INSERT INTO ${cursors} (source_id, cursor, updated_at, version)
        SELECT {source_id:String}, {cursor:String}, now64(3),
               greatest(toUInt64(toUnixTimestamp64Milli(now64(3))),
                        (SELECT max(version) + 1 FROM ${cursors} WHERE source_id = {source_id:String}))`,
      query_params: { source_id: sourceId, cursor: json },
    }),
  );
}
