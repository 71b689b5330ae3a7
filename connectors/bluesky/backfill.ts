/**
 * Backfill for `bluesky`: per brand search, `searchPosts` with `sort=latest`, `since=<from>` and
 * `until=<to>` (until exclusive, both on the post's `sortAt`), followed through `cursor`. The lexicon warns
 * that the API "may not allow scrolling through the entire result set": when a cursor walk ends, the walk
 * starts a new time slice with `until` just above the oldest post seen and keeps going until a slice brings
 * nothing new, which means it has reached `from`.
 */
import type { PageResult } from '../../core/connector.js';
import type { FetchedMention } from '../../core/mention.js';
import { safeCheck } from '../../platform/health.js';
import { type BackfillFactory, isoOf } from '../shared/backfill.js';
import { type BrandSearch, brandSearches } from '../shared/brand-searches.js';
import { backfillStreams, nextPage, type StreamsCursor, type StreamStep } from '../shared/streams.js';
import { blueskyClient, searchPostsPage, walkName } from './connector.js';
import type { BlueskyOptions } from './options.js';
import type { BlueskyClient } from './xrpc.js';

/** One search's progress through the range. Times are epoch ms of `sortAt`. */
export interface BlueskyBackfillStream {
  /** Exclusive upper bound of the current time slice. */
  until: number;
  /** Posts at `until - 1` already delivered by the previous slice (its oldest millisecond). */
  boundaryIds: string[];
  /** Cursor to request next inside the slice; absent at the slice's first page. */
  cursor?: string;
  /** Cursors already used in this slice; a repeat raises `PaginationLoopError`. */
  seen: string[];
  /** Oldest post delivered in this slice and the ids at that millisecond. */
  floor?: { at: number; ids: string[] };
  /** Posts delivered in this slice so far. */
  delivered: number;
  done?: boolean;
}

/** Backfill cursor: one stream per search, keyed `<brand key>:<query>`. JSON-serializable. */
export type BlueskyBackfillCursor = StreamsCursor<BlueskyBackfillStream>;

type Floor = NonNullable<BlueskyBackfillStream['floor']>;

const lower = (floor: Floor | undefined, at: number, id: string): Floor =>
  !floor || at < floor.at
    ? { at, ids: [id] }
    : at === floor.at && !floor.ids.includes(id)
      ? { at, ids: [...floor.ids, id] }
      : floor;

/** Creates the backfill instance over `range` (epoch ms, `to` exclusive; checked by `asBackfill`). */
export const createBlueskyBackfill: BackfillFactory<BlueskyOptions, BlueskyBackfillCursor> = (ctx, range) => {
  const { sourceId } = ctx;
  const since = isoOf(range.from);
  const start: BlueskyBackfillStream = { until: range.to, boundaryIds: [], seen: [], delivered: 0 };

  /** The state after a slice ended: a narrower slice below its oldest post, or done. */
  function nextSlice(state: BlueskyBackfillStream): BlueskyBackfillStream {
    if (state.delivered === 0 || !state.floor) return { ...state, cursor: undefined, done: true };
    const until = state.floor.at + 1;
    const boundaryIds =
      until === state.until ? [...new Set([...state.boundaryIds, ...state.floor.ids])] : state.floor.ids;
    return { until, boundaryIds, seen: [], delivered: 0 };
  }

  async function walkSearch(
    api: BlueskyClient,
    { key, q }: BrandSearch,
    state: BlueskyBackfillStream,
  ): Promise<StreamStep<BlueskyBackfillStream>> {
    const until = isoOf(state.until);
    const page = await searchPostsPage(api, ctx, q, { since, until, cursor: state.cursor });
    const mentions: FetchedMention[] = [];
    let { floor, delivered } = state;
    for (const post of page.records) {
      if (state.boundaryIds.includes(post.mention.native_id) || post.sortAt >= state.until) continue;
      mentions.push(post.mention);
      floor = lower(floor, post.sortAt, post.mention.native_id);
      delivered += 1;
    }
    const walked = { ...state, floor, delivered };
    const next = nextPage(page, false, { ...state, token: state.cursor }, walkName(key, sourceId));
    return {
      mentions,
      skippedInvalid: page.skippedInvalid,
      state: next ? { ...walked, cursor: next.token, seen: next.seen } : nextSlice(walked),
    };
  }

  return {
    check: () =>
      safeCheck(async () => {
        const [first] = brandSearches(ctx.brands, 'bluesky', sourceId, ctx.logger);
        const page = await searchPostsPage(blueskyClient(ctx), ctx, first?.q ?? 'bluesky', {
          since,
          until: isoOf(range.to),
        });
        return `logged in; ${page.records.length > 0 ? 'posts' : 'no post'} between ${since} and ${isoOf(range.to)}`;
      }),

    async fetchPage(cursor): Promise<PageResult<BlueskyBackfillCursor>> {
      const api = blueskyClient(ctx);
      const searches = brandSearches(ctx.brands, 'bluesky', sourceId, ctx.logger);
      return backfillStreams(
        searches,
        cursor,
        range,
        () => start,
        (s, state) => walkSearch(api, s, state),
      );
    },
  };
};
