/**
 * Backfill for `stackexchange`: per site and brand search, `/search/advanced` with `fromdate` = the range's
 * start and `todate` walking down from its end (newest first, the same pages as a poll), until `has_more`
 * is false. Questions are kept within `[from, to)`; the `backoff` rule applies as in polls.
 */
import type { PageResult } from '../../core/connector.js';
import { safeCheck } from '../../platform/health.js';
import { type BackfillFactory, isoOf } from '../shared/backfill.js';
import { backfillStreams, firstStream, nextPage, type StreamsCursor } from '../shared/streams.js';
import { type BackoffState, pageUnderBackoff } from './backoff.js';
import { SEARCH_METHOD, type Search, stackExchangeSearches, walkName } from './connector.js';
import type { StackExchangeOptions } from './options.js';

/** One stream's progress through the range: the `todate` of its next page and those read, or done. */
export interface StackExchangeBackfillStream {
  walk?: { todate: string; seen: string[] };
  done?: boolean;
}

/** Backfill cursor, keyed like the scheduled one (`<site>:<brand>:<query>`). JSON-serializable. */
export type StackExchangeBackfillCursor = StreamsCursor<StackExchangeBackfillStream> & BackoffState;

/** Creates the backfill instance over `range` (epoch ms, `to` exclusive; checked by `asBackfill`). */
export const createStackExchangeBackfill: BackfillFactory<
  StackExchangeOptions,
  StackExchangeBackfillCursor
> = (ctx, range) => {
  const { sourceId } = ctx;
  const { searchesOf, request, readPage, quotaText } = stackExchangeSearches(ctx);
  const fromdate = Math.floor(range.from / 1000);
  // The API's bounds are whole seconds; the last second of the range, and the one after for an exclusive todate.
  const firstTodate = String(Math.floor((range.to - 1) / 1000) + 1);

  return {
    check: () =>
      safeCheck(async () => {
        const search = firstStream(searchesOf(), sourceId, 'brand query Stack Exchange can search');
        await request(search, { pagesize: 1, filter: undefined, fromdate, todate: firstTodate });
        return `${SEARCH_METHOD} answers on ${search.site} for ${isoOf(range.from)}–${isoOf(range.to)}; ${quotaText()}`;
      }),

    async fetchPage(cursor): Promise<PageResult<StackExchangeBackfillCursor>> {
      const settings = {
        now: ctx.now,
        sourceId,
        method: SEARCH_METHOD,
        walking: (s: StackExchangeBackfillStream) => s.walk !== undefined,
      };
      return pageUnderBackoff(cursor, settings, (gate) =>
        backfillStreams<Search, StackExchangeBackfillStream>(
          searchesOf(),
          cursor,
          range,
          () => ({}),
          (search, state) =>
            gate.read(search.key, state, async () => {
              const todate = state.walk?.todate ?? firstTodate;
              const page = await readPage(search, gate, fromdate, todate);
              const walk = { token: todate, seen: state.walk?.seen ?? [] };
              const next = nextPage(page, false, walk, walkName(search, sourceId));
              return {
                mentions: [...page.records],
                skippedInvalid: page.skippedInvalid,
                state: next ? { walk: { todate: next.token, seen: next.seen } } : { done: true },
              };
            }),
        ),
      );
    },
  };
};
