/**
 * Backfill for `youtube`: `commentThreads.list` has no date filter, so each video / the channel is walked
 * newest first (`order=time`) through `nextPageToken`, keeping threads in `[from, to)`, until a page
 * reaches a thread older than `from` or the list ends. Every page costs 1 quota unit, including the pages
 * newer than `to` that the walk has to cross first.
 */
import type { PageResult } from '../../core/connector.js';
import type { BackfillFactory } from '../shared/backfill.js';
import { backfillStreams, nextPage, type StreamsCursor, type StreamStep } from '../shared/streams.js';
import { walkName, type YoutubeTarget, youtubeTargets } from './connector.js';
import type { YoutubeOptions } from './options.js';

/** One target's progress: the page token to request next (absent at the first page), or done. */
export interface YoutubeBackfillStream {
  pageToken?: string;
  /** Page tokens already requested; a repeat raises `PaginationLoopError`. */
  seen: string[];
  done?: boolean;
}

/** Backfill cursor, keyed like the scheduled one (`video:<id>` / `channel:<id>`). JSON-serializable. */
export type YoutubeBackfillCursor = StreamsCursor<YoutubeBackfillStream>;

/** Creates the backfill instance over `range` (epoch ms, `to` exclusive; checked by `asBackfill`). */
export const createYoutubeBackfill: BackfillFactory<YoutubeOptions, YoutubeBackfillCursor> = (ctx, range) => {
  const { sourceId } = ctx;
  const { targets, readPage, check } = youtubeTargets(ctx);

  async function walkTarget(
    target: YoutubeTarget,
    state: YoutubeBackfillStream,
  ): Promise<StreamStep<YoutubeBackfillStream>> {
    const page = await readPage(target, state.pageToken, 'nothing to backfill there');
    if (!page) return { mentions: [], skippedInvalid: 0, state: { ...state, done: true } };
    const pastFrom = page.records.some((m) => m.published_at < range.from);
    const next = nextPage(page, pastFrom, { ...state, token: state.pageToken }, walkName(target, sourceId));
    return {
      mentions: [...page.records],
      skippedInvalid: page.skippedInvalid,
      state: next ? { pageToken: next.token, seen: next.seen } : { ...state, done: true },
    };
  }

  return {
    check,
    async fetchPage(cursor): Promise<PageResult<YoutubeBackfillCursor>> {
      return backfillStreams(targets, cursor, range, () => ({ seen: [] }), walkTarget);
    },
  };
};
