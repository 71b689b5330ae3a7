/**
 * Backfill for `reddit`: Reddit search has no date range any more, and listings (`/search?sort=new`,
 * `/r/{sub}/new`) only reach about 1,000 items back. The backfill walks the source's listing newest first
 * through `after`, keeps submissions in `[from, to)`, and stops at the first one older than `from`. When
 * the listing ends before that, the rest of the range is out of reach: the walk ends (caught up) and says
 * how far back it got in a warning.
 */
import type { PageResult } from '../../core/connector.js';
import { type BackfillFactory, isoOf, keepInRange } from '../shared/backfill.js';
import { nextPage } from '../shared/streams.js';
import { listingPage, type RedditOptions, redditListing, walkName } from './client.js';
import { REDDIT_SERVICE } from './parse.js';

/** Backfill cursor: the `after` token to request next (absent at the first page), or done. */
export interface RedditBackfillCursor {
  after?: string;
  /** `after` tokens already requested; a repeat raises `PaginationLoopError`. */
  seen: string[];
  /** Oldest submission time seen so far (epoch ms), for the "listing ended early" warning. */
  oldest?: number;
  done?: boolean;
}

/** Creates the backfill instance over `range` (epoch ms, `to` exclusive; checked by `asBackfill`). */
export const createRedditBackfill: BackfillFactory<RedditOptions, RedditBackfillCursor> = (ctx, range) => {
  const { options, sourceId } = ctx;
  const { path, listing, check } = redditListing(ctx);

  return {
    check: () => check(' (listings reach about 1,000 items back)'),

    async fetchPage(cursor): Promise<PageResult<RedditBackfillCursor>> {
      const state = cursor ?? { seen: [] };
      if (state.done) return { mentions: [], cursor: state, caughtUp: true, skippedInvalid: 0 };
      const page = listingPage(await listing({ limit: options.limit, after: state.after }), sourceId);
      const times = page.records.map((m) => m.published_at);
      const oldest = Math.min(state.oldest ?? Infinity, ...times);
      const pastFrom = times.some((t) => t < range.from);
      const following = nextPage(page, pastFrom, { ...state, token: state.after }, walkName(path, sourceId));
      if (!following && !pastFrom)
        ctx.logger.warn(
          { source: sourceId, path, reached: Number.isFinite(oldest) ? isoOf(oldest) : undefined },
          `${REDDIT_SERVICE} listing ${path} ended before ${isoOf(range.from)}` +
            `${Number.isFinite(oldest) ? ` (oldest submission reached: ${isoOf(oldest)})` : ''}; Reddit ` +
            'listings only reach about 1,000 items back, so older history cannot be backfilled',
        );
      const next: RedditBackfillCursor = following
        ? { after: following.token, seen: following.seen, oldest }
        : { seen: state.seen, oldest, done: true };
      return {
        mentions: keepInRange(page.records, range),
        cursor: next,
        caughtUp: next.done === true,
        skippedInvalid: page.skippedInvalid,
      };
    },
  };
};
