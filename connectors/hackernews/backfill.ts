/**
 * Backfill for `hackernews`: walks `[from, to)` of each search newest first with
 * `numericFilters=created_at_i>=<from>,created_at_i<<to>`, then in time slices below the oldest hit seen
 * (`created_at_i<=<oldest>`, the scheduled connector's slicing), until a slice comes back with less than a
 * full page: the walk has reached `from`. Algolia indexes all of HN, so any range can be read.
 */
import type { PageResult } from '../../core/connector.js';
import { PaginationLoopError } from '../../core/errors.js';
import { safeCheck } from '../../platform/health.js';
import { type BackfillFactory, isoOf } from '../shared/backfill.js';
import { normalizeAll } from '../shared/records.js';
import { allBrandSearchTexts } from '../shared/search-terms.js';
import { backfillStreams, type StreamStep } from '../shared/streams.js';
import { normalizeHit } from './parse.js';
import {
  deliveredAbove,
  HN_SERVICE,
  hackerNewsSearch,
  hackerNewsTexts,
  type HackerNewsOptions,
  isFullPage,
  nextBound,
  searchesOf,
  type SliceBound,
} from './search.js';

/** Progress of one search text through the range: the current slice bound, or done. */
export interface HackerNewsBackfillState {
  /** Absent for the first slice (`created_at_i<to`). */
  bound?: SliceBound;
  done?: boolean;
}

/** Backfill cursor: one state per search text. JSON-serializable. */
export interface HackerNewsBackfillCursor {
  searches: Record<string, HackerNewsBackfillState>;
}

/** Creates the backfill instance over `range` (epoch ms, `to` exclusive; checked by `asBackfill`). */
export const createHackerNewsBackfill: BackfillFactory<HackerNewsOptions, HackerNewsBackfillCursor> = (
  ctx,
  range,
) => {
  const { options, sourceId } = ctx;
  const texts = hackerNewsTexts(options, allBrandSearchTexts(ctx.brands, 'hackernews'));
  const search = hackerNewsSearch(ctx);
  // created_at_i is whole seconds: [from, to) in ms is [ceil(from / 1000), ceil(to / 1000)) in seconds.
  const fromS = Math.ceil(range.from / 1000);
  const toS = Math.ceil(range.to / 1000);

  async function walkSearch(
    { key: text }: { key: string },
    { bound }: HackerNewsBackfillState,
  ): Promise<StreamStep<HackerNewsBackfillState>> {
    const page = await search(text, {
      hitsPerPage: options.hitsPerPage,
      numericFilters: `created_at_i>=${fromS},${bound ? `created_at_i<=${bound.upper}` : `created_at_i<${toS}`}`,
    });
    const { records: hits, skippedInvalid } = normalizeAll(page.hits, normalizeHit, sourceId);
    const fresh = bound ? hits.filter((h) => !deliveredAbove(bound, h)) : hits;
    if (bound && hits.length > 0 && fresh.length === 0) {
      throw new PaginationLoopError(
        `${HN_SERVICE} returned the same hits again for "${text}" below created_at_i ${bound.upper} ` +
          `while backfilling ${sourceId}; stopping instead of looping`,
        sourceId,
      );
    }
    return {
      mentions: fresh.map((h) => h.mention),
      skippedInvalid,
      state:
        isFullPage(page, options.hitsPerPage) && fresh.length > 0
          ? { bound: nextBound(fresh, bound) }
          : { done: true },
    };
  }

  return {
    check: () =>
      safeCheck(async () => {
        const page = await search(texts[0] ?? 'hacker news', {
          hitsPerPage: 1,
          numericFilters: `created_at_i>=${fromS},created_at_i<${toS}`,
        });
        return `reachable; ${page.hits.length > 0 ? 'hits' : 'no hit'} between ${isoOf(range.from)} and ${isoOf(range.to)}`;
      }),

    async fetchPage(cursor): Promise<PageResult<HackerNewsBackfillCursor>> {
      const page = await backfillStreams(
        searchesOf(texts),
        cursor && { streams: cursor.searches },
        range,
        () => ({}),
        walkSearch,
      );
      return { ...page, cursor: { searches: page.cursor.streams } };
    },
  };
};
