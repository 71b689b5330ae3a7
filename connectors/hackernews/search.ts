/**
 * The Algolia `search_by_date` request and the time-slice arithmetic shared by the scheduled `hackernews`
 * connector and its backfill. Both walk newest first, one page per request, and continue below the oldest
 * hit seen with `created_at_i<=<oldest>` (a new time slice) instead of `page=N`, so Algolia's hard cap of
 * 1,000 hits per query is never reached. Hits at exactly the slice bound that were already delivered are
 * remembered by id (`boundaryIds`) and dropped when the next slice returns them again.
 */
import { z } from 'zod';
import type { ConnectorContext } from '../../core/connector.js';
import { httpRequest } from '../http.js';
import { type HackerNewsPage, type NormalizedHit, readHackerNewsPage } from './parse.js';

export const HackerNewsOptionsSchema = z.object({
  /** API base; tests point it at the replay server. @default "https://hn.algolia.com/api/v1" */
  baseUrl: z.string().url().default('https://hn.algolia.com/api/v1'),
  /** Algolia tags filter. @default "(story,comment)" */
  tags: z.string().default('(story,comment)'),
  /** Search text used instead of the brand names (one search). */
  query: z.string().min(1).optional(),
  /** Hits per request (Algolia allows up to 1000). @default 100 */
  hitsPerPage: z.number().int().min(1).max(1000).default(100),
  /** @default 20000 */
  timeoutMs: z.number().int().positive().default(20_000),
});
export type HackerNewsOptions = z.infer<typeof HackerNewsOptionsSchema>;

/** Human name of the service in messages. */
export const HN_SERVICE = 'Hacker News (Algolia)';

/** A time slice bound: hits at or below `upper` (seconds), minus `boundaryIds` already delivered at it. */
export interface SliceBound {
  upper: number;
  boundaryIds: string[];
}

/** One `search_by_date` call for `query` with extra params (`numericFilters`, `hitsPerPage`, …). */
export type HackerNewsSearch = (
  query: string,
  params: Record<string, string | number>,
) => Promise<HackerNewsPage>;

/** Builds the `search_by_date` caller of one source. @throws the errors of `httpRequest`. */
export function hackerNewsSearch(ctx: ConnectorContext<HackerNewsOptions>): HackerNewsSearch {
  const { options, sourceId } = ctx;
  return async (query, params) =>
    readHackerNewsPage(
      (
        await httpRequest({
          sourceId,
          service: HN_SERVICE,
          url: `${options.baseUrl.replace(/\/$/, '')}/search_by_date`,
          params: { query, tags: options.tags, ...params },
          expect: 'json',
          timeoutMs: options.timeoutMs,
          now: ctx.now,
        })
      ).body,
      sourceId,
    );
}

/** The search texts of a source: the `query` option, else one per distinct brand name. */
export function hackerNewsTexts(options: HackerNewsOptions, names: readonly string[]): string[] {
  return options.query ? [options.query] : [...new Set(names)];
}

/** The search texts as streams keyed by their text (the cursor's `searches` keys). */
export const searchesOf = (texts: readonly string[]): Array<{ key: string }> => texts.map((key) => ({ key }));

/** True when Algolia may hold more hits below this page (it was full and reported more pages). */
export function isFullPage(page: HackerNewsPage, hitsPerPage: number): boolean {
  return page.hits.length >= Math.min(hitsPerPage, page.hitsPerPage ?? Infinity) && (page.nbPages ?? 2) > 1;
}

/** True when a slice bounded by `bound` already delivered this hit (above the bound or one of its ids). */
export function deliveredAbove(bound: SliceBound, hit: NormalizedHit): boolean {
  return (
    hit.createdAtS > bound.upper ||
    (hit.createdAtS === bound.upper && bound.boundaryIds.includes(hit.mention.native_id))
  );
}

/**
 * The bound of the next slice: the oldest of `fresh` (non-empty), keeping the ids already delivered at
 * that second when the bound does not move.
 */
export function nextBound(fresh: readonly NormalizedHit[], previous?: SliceBound): SliceBound {
  const upper = Math.min(...fresh.map((h) => h.createdAtS));
  const atUpper = fresh.filter((h) => h.createdAtS === upper).map((h) => h.mention.native_id);
  return {
    upper,
    boundaryIds: previous?.upper === upper ? [...new Set([...previous.boundaryIds, ...atUpper])] : atUpper,
  };
}
