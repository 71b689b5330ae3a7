/** Reads for rescoring: stored mentions whose scorer_version is not the current engine's. */
import type { Mention } from '../core/mention.js';
import { storedCorrections, withCorrections, type StoredCorrections } from './corrections.js';
import { STORED_MENTION_COLUMNS, toMention, toStoredMention, type StoredMention } from './stored-mention.js';
import type { UpsertResult } from './mentions.js';
import type { Store } from './client.js';
import { internals } from './internals.js';
import { MentionBatch, keyOf, writeBatch, type StatementRunner, type StoredState } from './mentions.js';
import { runReadQuery, toCount, type ReadQuery } from './read-query.js';
import { TABLES } from './schema.js';
import { StorageError } from '../core/errors.js';

/** A page of stale mentions in key order, with the opaque position of the last one. */
interface StaleMentionsPage {
  mentions: Mention[];
  /** Opaque position of the last mention returned, to resume after it; absent for an empty page. */
  last?: string;
}

/**
 * The stale count read: how many stored mention rows (latest versions) were scored by another scorer version
 * than `scorerVersion`. Used by the rescore workflow (`countStaleMentions`) and by `earshot rescore`, which may
 * run it through the SQL endpoint of a running `earshot up`.
 */
export function staleMentionCountQuery(scorerVersion: string): ReadQuery<number> {
  return {
    name: 'stale mention count',
    sql: `SELECT count() AS n FROM ${TABLES.mentions} FINAL WHERE scorer_version != {version:String}`,
    params: { version: scorerVersion },
    decode: (result) => toCount(result.rows[0]?.[0]),
  };
}

/** Number of stored mention rows not scored by `scorerVersion` (see `staleMentionCountQuery`). */
export async function countStaleMentions(store: Store, scorerVersion: string): Promise<number> {
  return runReadQuery(store, staleMentionCountQuery(scorerVersion));
}

/** A page of stale mentions with the stored state of each (the previous state their rewrite records). */
interface StalePage extends StaleMentionsPage {
  states: Map<string, StoredState>;
  /** Keys read (stale or not), and whether the table ends after them. */
  read: number;
  end: boolean;
}

/** What `rescoreStaleMentions` did. */
export interface RescoreResult {
  /** Stale mentions found (and handed to the rescorer). */
  selected: number;
  /** Keys looked at, stale or not (at most the request's `limit`). */
  examined: number;
  /** Position of the last key looked at, to resume after it; absent when none was. */
  last?: string;
  /** True when the table has no key after `last`: the rescoring is complete. */
  done: boolean;
  /** What the writes did (rows rewritten are `updated`). */
  written: UpsertResult;
}

// Rows per read inside one rescoring call (10,000: per row, half the CPU of 5,000; the insert and FINAL read
// have a large fixed cost).
const RESCORE_PAGE = 10_000;

/**
 * Re-scores the stale mentions among the next `limit` keys after `after` (in key order): each page's are
 * handed to `score`, the correction in force of each mention is applied to what it returns (a user's
 * correction outlives any scorer version), and the result is written back with the state it replaces, as
 * `upsertMentions` would, without reading that state a second time. The whole call holds the store's write
 * lock, so no write of this process comes between a page's read and its write. chDB runs one statement at a
 * time here (two at once took longer than one after the other): while JS parses, scores and encodes page n,
 * chDB writes page n−1, looks up page n's corrections and reads page n+1, in that order.
 * Throws `StorageError` for a malformed `after`, and what `score` throws.
 */
export async function rescoreStaleMentions(
  store: Store,
  request: {
    scorerVersion: string;
    after: string | undefined;
    limit: number;
    /** Rows per read. @default RESCORE_PAGE */
    pageSize?: number;
  },
  score: (mentions: Mention[]) => Mention[],
  progress: (selected: number) => void = () => {},
): Promise<RescoreResult> {
  const { exclusive } = internals(store);
  return exclusive(async () => {
    // chDB statements one at a time, in the order queued; what JS does with their answers runs beside them.
    let queue: Promise<unknown> = Promise.resolve();
    const inTurn: StatementRunner = (statement) => {
      const run = queue.then(statement);
      queue = run.catch(() => {});
      return run;
    };
    const readPage = (after: string | undefined, limit: number) =>
      selectStalePage(store, request.scorerVersion, after, limit, inTurn);
    const page = Math.max(1, request.pageSize ?? RESCORE_PAGE);
    const pageSize = (examined: number): number => Math.min(page, request.limit - examined);
    const written: UpsertResult = { inserted: 0, updated: 0, unchanged: 0, invalid: 0 };
    const writes: Promise<void>[] = [];
    let selected = 0;
    let examined = 0;
    let done = false;
    let last = request.after;
    let next: Promise<StalePage> | undefined =
      request.limit > 0 ? readPage(request.after, pageSize(0)) : undefined;
    let corrections: Promise<StoredCorrections> | undefined;
    // A promise awaited later (after other awaits) must not count as an unhandled rejection meanwhile: that
    // would end the worker's process. Its failure still surfaces where it is awaited.
    const handled = <T>(promise: Promise<T>): Promise<T> => (promise.catch(() => {}), promise);
    let writeFailure: { error: unknown } | undefined;
    if (next) handled(next);
    try {
      while (next) {
        if (writeFailure) throw writeFailure.error;
        const page = await next;
        next = undefined;
        examined += page.read;
        selected += page.mentions.length;
        last = page.last ?? last;
        done = page.end;
        // Queued: this page's corrections, then the next page's read (behind the write of the page before).
        corrections =
          page.mentions.length > 0
            ? handled(inTurn(() => storedCorrections(store, page.mentions)))
            : undefined;
        if (!page.end && examined < request.limit) next = handled(readPage(last, pageSize(examined)));
        if (!corrections) continue;
        const scored: Mention[] = [];
        for (let i = 0; i < page.mentions.length; i += SCORE_SLICE) {
          // Lets chDB's answers in (and the next statement start) between slices.
          await new Promise((resolve) => setImmediate(resolve));
          for (const m of score(page.mentions.slice(i, i + SCORE_SLICE))) scored.push(m);
        }
        const batch = new MentionBatch(store);
        batch.add(withCorrections(scored, await corrections));
        corrections = undefined;
        writes.push(
          writeBatch(store, batch, page.states, inTurn).then(
            (result) => {
              for (const key of ['inserted', 'updated', 'unchanged', 'invalid'] as const) {
                written[key] += result[key];
              }
            },
            (error: unknown) => {
              writeFailure ??= { error };
            },
          ),
        );
        progress(selected);
      }
      await Promise.all(writes);
      if (writeFailure) throw writeFailure.error;
    } finally {
      // A failed step leaves no statement of this call running once it returns.
      await Promise.allSettled([queue, next, corrections, ...writes]);
    }
    return { selected, examined, ...(last === undefined ? {} : { last }), done, written };
  });
}

// JS scores this many rows between two looks at the event loop.
const SCORE_SLICE = 1_000;

/**
 * The stale mentions among the next `limit` stored rows after position `after` (from a previous page's
 * `last`), in (brand, source_id, native_id) order, with their stored states. Read without FINAL, which cost
 * 4–6× as much per page (more as rescored versions pile up in unmerged parts): the versions of a key are
 * adjacent in key order, so the latest is kept here, and a key is stale when its latest version is. A page
 * ends on a complete key (the last key of a full read may have more versions on the next one).
 * Throws `StorageError` for a malformed `after`.
 */
async function selectStalePage(
  store: Store,
  scorerVersion: string,
  after: string | undefined,
  limit: number,
  run: StatementRunner,
): Promise<StalePage> {
  let from: [string, string, string] = ['', '', ''];
  if (after !== undefined) {
    const parsed: unknown = JSON.parse(after);
    if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((p) => typeof p === 'string')) {
      throw new StorageError(`Invalid rescoring position ${JSON.stringify(after)}.`);
    }
    from = parsed as [string, string, string];
  }
  const started = performance.now();
  const rows = await readRows(store, from, Math.max(1, Math.floor(limit)), false, run);
  const end = rows.length < limit; // the table has no more rows after these
  let latest = latestVersions(rows);
  if (!end) {
    // The last key may continue past this read: leave it to the next page, unless it is all there is.
    if (latest.length > 1) latest = latest.slice(0, -1);
    else latest = await readRows(store, keyOfRow(latest[0]!), 1, true, run);
  }
  store.logger.debug(
    { rows: rows.length, selectMs: Math.round(performance.now() - started) },
    'read stale mentions',
  );
  const states = new Map<string, StoredState>();
  const mentions: Mention[] = [];
  for (const r of latest) {
    if (r.scorer_version === scorerVersion) continue;
    mentions.push(toMention(r));
    states.set(keyOf(r), {
      brand: r.brand,
      source_id: r.source_id,
      native_id: r.native_id,
      state_hash: r.state_hash,
      version: r.version,
      published_at: r.published_at,
      label: r.label,
      sentiment: r.sentiment,
      engagement: String(r.likes + r.shares + r.replies),
      rating: r.rating,
      rating_scale: r.rating_scale,
      aspects: r.aspects,
    });
  }
  const lastRow = latest.at(-1);
  return {
    mentions,
    states,
    read: latest.length,
    end,
    ...(lastRow ? { last: JSON.stringify(keyOfRow(lastRow)) } : {}),
  };
}

const keyOfRow = (r: StoredMention): [string, string, string] => [r.brand, r.source_id, r.native_id];

/** Up to `limit` rows after `from` in key order (`exactly`: the rows of key `from` itself, merged by FINAL). */
async function readRows(
  store: Store,
  from: [string, string, string],
  limit: number,
  exactly: boolean,
  run: StatementRunner,
): Promise<StoredMention[]> {
  const { readOnlyClient, readOnlySettings, table } = internals(store);
  // Through the read-only session, so a read can never write; parsed once chDB is free for the next statement.
  const rs = await run(() =>
    readOnlyClient.query({
      query: `
      SELECT ${STORED_MENTION_COLUMNS.join(', ')}
      FROM ${table('mentions')}${exactly ? ' FINAL' : ''}
      WHERE (brand, source_id, native_id) ${exactly ? '=' : '>'} ({b:String}, {s:String}, {n:String})
      ORDER BY brand, source_id, native_id
      LIMIT {limit:UInt32}`,
      query_params: { b: from[0], s: from[1], n: from[2], limit },
      clickhouse_settings: readOnlySettings,
      // Rows as arrays: 40 % fewer bytes to print and parse than objects (the column names on every row).
      format: 'JSONCompactEachRow',
    }),
  );
  return (await rs.json<unknown[]>()).map(toStoredMention);
}

/** The latest version of each key among `rows` (in key order, a key's versions adjacent). */
function latestVersions(rows: readonly StoredMention[]): StoredMention[] {
  const out: StoredMention[] = [];
  for (const r of rows) {
    const previous = out.at(-1);
    if (
      previous &&
      previous.brand === r.brand &&
      previous.source_id === r.source_id &&
      previous.native_id === r.native_id
    ) {
      if (Number(r.version) > Number(previous.version)) out[out.length - 1] = r;
    } else {
      out.push(r);
    }
  }
  return out;
}
