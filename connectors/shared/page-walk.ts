/**
 * The walk through one newest-first list, page by page through a page token: where a walk goes after a
 * page (refusing a token it already followed with `PaginationLoopError`), and one page of a scheduled
 * poll's walk down to what the stream already delivered (its mark). Used through `streams.ts`.
 */
import { PaginationLoopError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { type Watermark, advanceWatermark, isAfterWatermark, laterWatermark } from './watermark.js';

/** How many past page tokens a walk keeps to detect loops (the cursor stays small). */
export const SEEN_TOKENS_KEPT = 100;

/** One page of one stream as the connector read it. */
export interface StreamPage<R> {
  /** The records that normalized, in the API's order (newest first). */
  records: readonly R[];
  /** Records on the page that did not normalize. */
  skippedInvalid: number;
  /** Token of the page below; absent when the API says the list ends here. */
  next?: string;
}

/** A walk in progress: the token of the page it reads now (absent at the first page) and those before. */
export interface TokenWalk {
  token?: string;
  seen: readonly string[];
}

/** Names a walk in the `PaginationLoopError` it raises: `what` (e.g. "YouTube commentThreads (video x)"). */
export interface WalkName {
  what: string;
  sourceId: string;
}

/**
 * Where a walk goes after a page: the token to read next and the tokens followed so far (bounded to the
 * last `SEEN_TOKENS_KEPT`), or undefined when the walk ends here: the API gave no next token, the page held
 * no record at all, or `stop` (the walk reached what it was looking for).
 * @throws PaginationLoopError when the next token is the current one or one the walk already followed.
 */
export function nextPage(
  page: StreamPage<unknown>,
  stop: boolean,
  walk: TokenWalk | undefined,
  name: WalkName,
): { token: string; seen: string[] } | undefined {
  const { next } = page;
  // An empty token ends the list as an absent one does (APIs send `""` or omit it).
  if (!next || stop || page.records.length + page.skippedInvalid === 0) return undefined;
  const seen = walk?.seen ?? [];
  if (next === walk?.token || seen.includes(next))
    throw new PaginationLoopError(
      `${name.what} for ${name.sourceId} led back to page token ${JSON.stringify(next.slice(0, 40))}; ` +
        'stopping instead of looping',
      name.sourceId,
    );
  // Cursors written before this helper kept the current token out of `seen`: add it once.
  const current = walk?.token !== undefined && !seen.includes(walk.token) ? [walk.token] : [];
  return { token: next, seen: [...seen, ...current, next].slice(-SEEN_TOKENS_KEPT) };
}

/** How a stream tells records it has not delivered from those it has: its mark (a watermark, an id…). */
export interface MarkOrder<Mark, R> {
  /** The mention a record carries. */
  mention(record: R): FetchedMention;
  /** True when `record` lies beyond `mark` (not delivered yet). */
  isNew(mark: Mark, record: R): boolean;
  /** The newest mark after also delivering `record`. */
  advance(newest: Mark, record: R): Mark;
  /** The mark once a walk ends: the later of the stored mark and the walk's newest. */
  later(mark: Mark, newest: Mark): Mark;
}

/** Records ordered by a (time, id) watermark (`key` gives a record's time in ms and native id). */
export function byWatermark<R>(
  key: (record: R) => { at: number; id: string },
  mention: (record: R) => FetchedMention,
): MarkOrder<Watermark, R> {
  return {
    mention,
    isNew: (mark, record) => {
      const { at, id } = key(record);
      return isAfterWatermark(mark, at, id);
    },
    advance: (newest, record) => {
      const { at, id } = key(record);
      return advanceWatermark(newest, at, id);
    },
    later: laterWatermark,
  };
}

/** Mentions ordered by publication time and native id. */
export const BY_PUBLISHED: MarkOrder<Watermark, FetchedMention> = byWatermark(
  (m) => ({ at: m.published_at, id: m.native_id }),
  (m) => m,
);

/** A poll's walk down a stream: the token to read next, the tokens followed, the newest record delivered. */
export interface MarkWalk<Mark> {
  token: string;
  seen: string[];
  newest: Mark;
}

/** What a page of a scheduled walk gave: the new records, and the walk to go on with or the new mark. */
export interface MarkStep<Mark, R> {
  fresh: R[];
  /** The stored mark while the walk goes on; the later of it and the walk's newest once it ended. */
  mark: Mark;
  walk?: MarkWalk<Mark>;
}

/**
 * One page of a scheduled poll's walk: keeps the records beyond `mark`, and goes on to the next page until
 * a page reaches the mark (or the list ends). The mark moves only when the walk ends, so an interrupted
 * walk resumes where it was without losing the records between its newest and the old mark.
 * @throws PaginationLoopError as `nextPage`.
 */
export function walkToMark<Mark, R>(
  page: StreamPage<R>,
  mark: Mark,
  walk: (TokenWalk & { newest?: Mark }) | undefined,
  order: MarkOrder<Mark, R>,
  name: WalkName,
): MarkStep<Mark, R> {
  let newest = walk?.newest ?? mark;
  let reachedMark = false;
  const fresh: R[] = [];
  for (const record of page.records) {
    if (!order.isNew(mark, record)) reachedMark = true;
    else {
      fresh.push(record);
      newest = order.advance(newest, record);
    }
  }
  const next = nextPage(page, reachedMark, walk, name);
  return next ? { fresh, mark, walk: { ...next, newest } } : { fresh, mark: order.later(mark, newest) };
}
