/** Reads for rescoring: stored mentions whose scorer_version is not the current engine's. */
import type { Mention } from '../core/mention.js';
import { storedCorrections, withCorrections } from './corrections.js';
import { STORED_MENTION_COLUMNS, toMention, toStoredMention } from './stored-mention.js';
import type { UpsertResult } from './mentions.js';
import type { Store } from './client.js';
import { internals } from './internals.js';
import { MentionBatch, keyOf, writeBatch, type StoredState } from './mentions.js';
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
}

/** What `rescoreStaleMentions` did. */
export interface RescoreResult {
  /** Stale mentions read (and handed to the rescorer). */
  selected: number;
  /** Position of the last one, to resume after it; absent when none was read. */
  last?: string;
  /** What the writes did (rows rewritten are `updated`). */
  written: UpsertResult;
}

// Rows per read inside one rescoring call (10,000: per row, half the CPU of 5,000; the insert and FINAL read
// have a large fixed cost).
const RESCORE_PAGE = 10_000;

/**
 * Re-scores up to `limit` stale mentions after `after` (in key order): each page read is handed to `score`,
 * the correction in force of each mention is applied to what it returns (a user's correction outlives any
 * scorer version), and the result is written back with the state it replaces, as `upsertMentions` would,
 * without reading that state a second time. The whole call holds the store's write lock, so no write of this
 * process comes between a page's read and its write. chDB runs one statement at a time here (two at once
 * take longer than one after the other): the read of page n+1 and the write of page n queue behind each
 * other while page n+1 is re-scored in JS. Throws `StorageError` for a malformed `after`, and what `score`
 * throws.
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
    let queue: Promise<unknown> = Promise.resolve();
    const inTurn = <T>(statement: () => Promise<T>): Promise<T> => {
      const run = queue.then(statement);
      queue = run.catch(() => {});
      return run;
    };
    const readPage = (after: string | undefined, limit: number) => {
      const page = inTurn(() => selectStalePage(store, request.scorerVersion, after, limit));
      const corrections = page.then((p) => inTurn(() => storedCorrections(store, p.mentions)));
      return Promise.all([page, corrections]);
    };
    const page = Math.max(1, request.pageSize ?? RESCORE_PAGE);
    const pageSize = (selected: number): number => Math.min(page, request.limit - selected);
    const written: UpsertResult = { inserted: 0, updated: 0, unchanged: 0, invalid: 0 };
    const writes: Promise<void>[] = [];
    let selected = 0;
    let last: string | undefined;
    let next: ReturnType<typeof readPage> | undefined = readPage(request.after, pageSize(0));
    try {
      while (next) {
        const requested = pageSize(selected);
        const [page, corrections] = await next;
        next = undefined;
        if (page.mentions.length === 0) break;
        selected += page.mentions.length;
        last = page.last;
        if (page.mentions.length === requested && selected < request.limit) {
          next = readPage(last, pageSize(selected));
        }
        const batch = new MentionBatch(store);
        for (let i = 0; i < page.mentions.length; i += SCORE_SLICE) {
          // Lets chDB's answers of the queued statements in (and the next statement start) meanwhile.
          await new Promise((resolve) => setImmediate(resolve));
          batch.add(withCorrections(score(page.mentions.slice(i, i + SCORE_SLICE)), corrections));
        }
        writes.push(
          inTurn(() => writeBatch(store, batch, page.states)).then((result) => {
            for (const key of ['inserted', 'updated', 'unchanged', 'invalid'] as const) {
              written[key] += result[key];
            }
          }),
        );
        progress(selected);
      }
      await Promise.all(writes);
    } finally {
      // A failed step leaves no statement of this call running once it returns.
      await Promise.allSettled([queue, next]);
    }
    return { selected, ...(last === undefined ? {} : { last }), written };
  });
}

// JS scores this many rows between two looks at the event loop.
const SCORE_SLICE = 1_000;

/**
 * Up to `limit` stale mentions after position `after` (from a previous page's `last`), ordered by (brand,
 * source_id, native_id), with their stored states. Throws `StorageError` for a malformed `after`.
 */
async function selectStalePage(
  store: Store,
  scorerVersion: string,
  after: string | undefined,
  limit: number,
): Promise<StalePage> {
  let key: [string, string, string] = ['', '', ''];
  if (after !== undefined) {
    const parsed: unknown = JSON.parse(after);
    if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((p) => typeof p === 'string')) {
      throw new StorageError(`Invalid rescoring position ${JSON.stringify(after)}.`);
    }
    key = parsed as [string, string, string];
  }
  const { readOnlyClient, readOnlySettings, table } = internals(store);
  const started = performance.now();
  // Through the read-only session: it runs beside the write of the page before (another chDB session).
  const rs = await readOnlyClient.query({
    query: `
      SELECT ${STORED_MENTION_COLUMNS.join(', ')}
      FROM ${table('mentions')} FINAL
      WHERE scorer_version != {v:String}
        AND (brand, source_id, native_id) > ({b:String}, {s:String}, {n:String})
      ORDER BY brand, source_id, native_id
      LIMIT {limit:UInt32}`,
    query_params: {
      v: scorerVersion,
      b: key[0],
      s: key[1],
      n: key[2],
      limit: Math.max(0, Math.floor(limit)),
    },
    clickhouse_settings: readOnlySettings,
    // Rows as arrays: 40 % fewer bytes to print and parse than objects (the column names on every row).
    format: 'JSONCompactEachRow',
  });
  const rows = (await rs.json<unknown[]>()).map(toStoredMention);
  store.logger.debug(
    { rows: rows.length, selectMs: Math.round(performance.now() - started) },
    'read stale mentions',
  );
  const states = new Map<string, StoredState>();
  for (const r of rows) {
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
  const mentions = rows.map(toMention);
  const lastMention = mentions.at(-1);
  return {
    mentions,
    states,
    last: lastMention
      ? JSON.stringify([lastMention.brand, lastMention.source_id, lastMention.native_id])
      : undefined,
  };
}
