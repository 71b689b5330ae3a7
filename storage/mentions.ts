/**
 * The mention writer. Idempotent and exact for the aggregates: it reads the stored state of the incoming keys,
 * skips identical records, and writes changed ones together with the state they replace (`prev_*` columns),
 * from which the materialized views emit -1 for the old state and +1 for the new one.
 */
import type { AspectScore, Mention } from '../core/mention.js';
import type { Store } from './client.js';
import { toDateTime64 } from './datetime.js';
import { InvalidMentionError } from './errors.js';
import { internals } from './internals.js';
import { ByteBuffer } from './byte-buffer.js';
import { KEY_SET, keySetParameter } from './key-set.js';
import { MENTION_INSERT_COLUMNS, encodeMention, lineMiddle, type EncodedRow } from './mention-row.js';

/** What `upsertMentions` did, in mention rows (one per brand). */
export interface UpsertResult {
  /** Keys stored for the first time. */
  inserted: number;
  /** Keys whose stored state changed (text, engagement, rescoring, …); fetched_at alone is not a change. */
  updated: number;
  /** Keys already stored exactly as given, plus earlier duplicates of a key within the batch (last wins). */
  unchanged: number;
  /** Mentions ClickHouse cannot hold (a date outside 1900–2299, a non-finite number): skipped, not stored. */
  invalid: number;
}

/** The stored state of a key that the writer compares with and records as the previous state. */
export interface StoredState {
  brand: string;
  source_id: string;
  native_id: string;
  state_hash: string;
  version: string;
  published_at: string;
  label: string;
  sentiment: number;
  engagement: string;
  rating: number | null;
  rating_scale: number | null;
  aspects: AspectScore[];
}

// One read per batch (up to BATCH_LIMITS.mentions keys plus one page): a query has a fixed cost (FINAL over
// every part) far above its per-key cost (5,000 keys: 3 reads of 2,000 took 65 ms, one read 40 ms).
const READ_CHUNK = 50_000;
/** The writer's map key of a mention key (as stored: lone surrogates replaced). */
export const keyOf = (m: { brand: string; source_id: string; native_id: string }): string =>
  `${m.brand.length}:${m.source_id.length}:${m.brand}${m.source_id}${m.native_id}`;

/**
 * Mentions on their way to `upsertMentions`, normalized, hashed and encoded as they are added, so that
 * work is done while the batch before is being stored (the ingest activity scores batch n+1 meanwhile).
 * Only the key, hash and encoded text of each row are kept: the scored objects die young.
 */
export class MentionBatch {
  /** Latest row per key (a later duplicate replaces an earlier one), in insertion order. */
  readonly rows = new Map<string, EncodedRow>();
  /** Records ClickHouse cannot hold, skipped. */
  invalid = 0;
  /** Mentions added, invalid and duplicates included. */
  added = 0;
  /** The encoded rows' bytes (not strings: a batch lives long enough for the GC to promote strings). */
  readonly encoded = new ByteBuffer();

  constructor(private readonly target: Store) {}

  add(mentions: readonly Mention[]): void {
    this.added += mentions.length;
    for (const mention of mentions) {
      let row: EncodedRow;
      try {
        row = encodeMention(mention, this.encoded);
      } catch (error) {
        // One bad record must not block its whole page (and with it the source's cursor): skip and count it.
        if (!(error instanceof InvalidMentionError)) throw error;
        this.invalid++;
        this.target.logger.warn(
          { sourceId: mention.source_id, nativeId: mention.native_id, reason: error.message },
          'skipped a mention ClickHouse cannot hold',
        );
        continue;
      }
      const key = keyOf(row);
      this.rows.delete(key); // a later duplicate is stored in the later one's place
      this.rows.set(key, row);
    }
  }

  /** Stores the batch (see `upsertMentions`). */
  store(): Promise<UpsertResult> {
    return upsertBatch(this.target, this);
  }
}

/**
 * Stores mentions idempotently, keyed by (brand, source_id, native_id). Safe to retry: a batch stored twice
 * changes nothing the second time. Writes through one store are serialized (an in-process mutex of the store), so two
 * concurrent calls cannot both see a key as absent. Across processes the caller must not write the same
 * source_id concurrently (one ingest workflow per source guarantees it).
 *
 * Strings are stored as UTF-8; lone UTF-16 surrogates (not encodable) become U+FFFD.
 * A record with a non-finite number or a date outside 1900–2299 is skipped and counted in `invalid`; throws
 * `StorageError`s from the client when ClickHouse fails (nothing is half-written by a failed insert statement).
 */
export async function upsertMentions(store: Store, mentions: readonly Mention[]): Promise<UpsertResult> {
  const batch = new MentionBatch(store);
  batch.add(mentions);
  return upsertBatch(store, batch);
}

function upsertBatch(store: Store, batch: MentionBatch): Promise<UpsertResult> {
  return internals(store).exclusive(() => writeBatch(store, batch));
}

/** Runs one chDB statement; a caller may queue them (rescoring runs its statements one at a time). */
export type StatementRunner = <T>(statement: () => Promise<T>) => Promise<T>;

/**
 * Writes `batch`: each row compared with its stored state (read here, or taken from `known` when the caller
 * has just read it under the same write lock, as rescoring does), skipped when identical, and otherwise
 * written with the state it replaces. Storage-internal: call it inside `exclusive`, so no write of this
 * store comes between the read of the stored state and this write. Its chDB statements go through `run`.
 */
export async function writeBatch(
  store: Store,
  batch: MentionBatch,
  known?: ReadonlyMap<string, StoredState>,
  run: StatementRunner = (statement) => statement(),
): Promise<UpsertResult> {
  const { rows, invalid } = batch;
  const result: UpsertResult = {
    inserted: 0,
    updated: 0,
    unchanged: batch.added - invalid - rows.size,
    invalid,
  };
  if (rows.size === 0) return result;

  const readStarted = performance.now();
  const unknown = known
    ? [...rows].filter(([key]) => !known.has(key)).map(([, row]) => row)
    : [...rows.values()];
  // A key the caller did not read is read here, never assumed new (a wrong "new" would count it twice).
  const read =
    unknown.length > 0 ? await run(() => readStoredState(store, unknown)) : new Map<string, StoredState>();
  const stored = known ? new Map([...known, ...read]) : read;
  const readMs = performance.now() - readStarted;
  const now = Date.now();
  const ingestedAt = toDateTime64(now);
  const lines = new ByteBuffer();
  const encoded = batch.encoded.bytes();
  let count = 0;
  // Every first insert of the batch has the same version, timestamp and empty previous state.
  const firstInsert = lineMiddle(now, ingestedAt, undefined);
  for (const [key, row] of rows) {
    const prev = stored.get(key);
    if (prev?.state_hash === row.state_hash) {
      result.unchanged++;
      continue;
    }
    let middle = firstInsert;
    if (prev) {
      result.updated++;
      const version = Math.max(now, Number(prev.version) + 1);
      middle = lineMiddle(version, ingestedAt, { ...prev, engagement: Number(prev.engagement) });
    } else {
      result.inserted++;
    }
    lines.pushBytes(encoded, row.head, row.end);
    lines.push(middle);
    lines.pushBytes(encoded, row.end, row.stop);
    count++;
  }
  const insertStarted = performance.now();
  if (count > 0) {
    // TabSeparated bytes: chDB parses them in about half the CPU of JSONEachRow.
    await run(() => internals(store).insertTabSeparated('mentions', MENTION_INSERT_COLUMNS, lines.bytes()));
  }
  // The two chDB steps' wall times: bench:pipeline reports them (docs/performance.md).
  const timing = { readMs: Math.round(readMs), insertMs: Math.round(performance.now() - insertStarted) };
  store.logger.debug({ ...result, ...timing }, 'upserted mentions');
  return result;
}

async function readStoredState(store: Store, rows: readonly EncodedRow[]): Promise<Map<string, StoredState>> {
  const { client, table } = internals(store);
  const found = new Map<string, StoredState>();
  for (let i = 0; i < rows.length; i += READ_CHUNK) {
    const chunk = rows.slice(i, i + READ_CHUNK);
    const rs = await client.query({
      query: `
        SELECT brand, source_id, native_id, state_hash, version, published_at, label, sentiment,
               toUInt64(likes) + shares + replies AS engagement, rating, rating_scale, aspects
        FROM ${table('mentions')}
        WHERE (brand, source_id, native_id) IN ${KEY_SET}`,
      query_params: { keys: keySetParameter(chunk) },
      format: 'JSONEachRow',
    });
    // Without FINAL (a quarter of the read's cost, more as unmerged versions pile up): every stored version of
    // a key comes back, and the latest one is its state.
    for (const state of await rs.json<StoredState>()) {
      const key = keyOf(state);
      const seen = found.get(key);
      if (!seen || Number(state.version) > Number(seen.version)) found.set(key, state);
    }
  }
  return found;
}
