/**
 * `hackernews`: stories and comments mentioning each brand, from the Algolia Hacker News API
 * (`search_by_date`, newest first). One search per brand. Polls ask for hits since the newest one already
 * delivered; when more than a page arrived since, the walk continues downwards in time with an upper bound
 * on `created_at_i` (time slices), so Algolia's 1,000-hit cap per query is never reached.
 */
import type { Connector, ConnectorContext, ConnectorDefinition, PageResult } from '../../core/connector.js';
import { PaginationLoopError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { safeCheck } from '../../platform/health.js';
import { asBackfill } from '../shared/backfill.js';
import { allBrandSearchTexts } from '../shared/search-terms.js';
import { normalizeAll } from '../shared/records.js';
import { pollStreams, type StreamStep } from '../shared/streams.js';
import { createHackerNewsBackfill } from './backfill.js';
import { normalizeHit, parseHackerNews } from './parse.js';
import {
  deliveredAbove,
  HN_SERVICE as SERVICE,
  hackerNewsSearch,
  hackerNewsTexts,
  type HackerNewsOptions,
  HackerNewsOptionsSchema,
  isFullPage,
  nextBound,
  searchesOf,
} from './search.js';

export { HackerNewsOptionsSchema, type HackerNewsOptions } from './search.js';

/** Progress of one search text. Times are `created_at_i` seconds. */
export interface HackerNewsSearchState {
  /** Newest hit time delivered (0 before the first poll) and the ids delivered at exactly that second. */
  newest: number;
  newestIds: string[];
  /** A walk down from the newest hits towards `newest`, when one page did not hold everything. */
  walk?: { upper: number; boundaryIds: string[]; roundNewest: number; roundNewestIds: string[] };
}

/** Cursor: one state per search text. */
export interface HackerNewsCursor {
  searches: Record<string, HackerNewsSearchState>;
}

function createHackerNews(ctx: ConnectorContext<HackerNewsOptions>): Connector<HackerNewsCursor> {
  const { options, sourceId } = ctx;
  const texts = hackerNewsTexts(options, allBrandSearchTexts(ctx.brands, 'hackernews'));
  const search = hackerNewsSearch(ctx);
  const start = (): HackerNewsSearchState => ({ newest: 0, newestIds: [] });

  async function readSearch(
    { key: text }: { key: string },
    state: HackerNewsSearchState,
  ): Promise<StreamStep<HackerNewsSearchState>> {
    const { walk } = state;
    const filters = [state.newest > 0 ? `created_at_i>=${state.newest}` : ''];
    if (walk) filters.push(`created_at_i<=${walk.upper}`);
    const page = await search(text, {
      hitsPerPage: options.hitsPerPage,
      numericFilters: filters.filter(Boolean).join(','),
    });
    const { records: hits, skippedInvalid } = normalizeAll(page.hits, normalizeHit, sourceId);
    const fresh = hits.filter(
      (h) =>
        (h.createdAtS > state.newest ||
          (h.createdAtS === state.newest && !state.newestIds.includes(h.mention.native_id))) &&
        !(walk && deliveredAbove(walk, h)),
    );
    if (walk && hits.length > 0 && hits.every((h) => deliveredAbove(walk, h))) {
      throw new PaginationLoopError(
        `${SERVICE} returned the same hits again for "${text}" below created_at_i ${walk.upper}; ` +
          'stopping instead of looping',
        sourceId,
      );
    }
    return {
      mentions: fresh.map((h) => h.mention),
      skippedInvalid,
      state: advance(state, fresh, isFullPage(page, options.hitsPerPage)),
    };
  }

  return {
    check: () =>
      safeCheck(async () => {
        const page = await search(texts[0] ?? 'hacker news', { hitsPerPage: 1 });
        return `reachable; ${page.hits.length} hit(s) for "${texts[0] ?? ''}"`;
      }),

    async fetchPage(cursor): Promise<PageResult<HackerNewsCursor>> {
      const page = await pollStreams(
        searchesOf(texts),
        cursor && { streams: cursor.searches },
        start,
        readSearch,
      );
      return { ...page, cursor: { searches: page.cursor.streams } };
    },
  };
}

/** The state after a page: continue the walk while pages are full, else commit the round's newest. */
function advance(
  state: HackerNewsSearchState,
  fresh: Array<{ mention: FetchedMention; createdAtS: number }>,
  fullPage: boolean,
): HackerNewsSearchState {
  const top = state.walk
    ? { at: state.walk.roundNewest, ids: state.walk.roundNewestIds }
    : newestOf(fresh, state);
  const firstPoll = state.newest === 0 && !state.walk;
  if (fullPage && fresh.length > 0 && !firstPoll) {
    const bound = nextBound(fresh, state.walk);
    return { ...state, walk: { ...bound, roundNewest: top.at, roundNewestIds: top.ids } };
  }
  return { newest: top.at, newestIds: top.ids };
}

function newestOf(
  fresh: Array<{ mention: FetchedMention; createdAtS: number }>,
  state: HackerNewsSearchState,
): { at: number; ids: string[] } {
  const max = Math.max(state.newest, ...fresh.map((h) => h.createdAtS));
  const ids = fresh.filter((h) => h.createdAtS === max).map((h) => h.mention.native_id);
  return { at: max, ids: max === state.newest ? [...new Set([...state.newestIds, ...ids])] : ids };
}

/** The `hackernews` source type. */
export const hackernewsConnector: ConnectorDefinition<HackerNewsOptions, HackerNewsCursor> = {
  type: 'hackernews',
  optionsSchema: HackerNewsOptionsSchema,
  credentials: [],
  create: createHackerNews,
  createBackfill: asBackfill(createHackerNewsBackfill),
  parse: parseHackerNews,
};
