/**
 * Options of a `reddit` source and the listing request shared by the scheduled connector and the backfill:
 * one path (`/search`, `/r/{subs}/search` or `/r/{subs}/new`), newest first, through the OAuth API.
 */
import { z } from 'zod';
import type { ConnectorContext } from '../../core/connector.js';
import type { FetchedMention } from '../../core/mention.js';
import { ConnectorConfigError, type HealthResult } from '../../core/errors.js';
import { safeCheck } from '../../platform/health.js';
import { httpRequest, redditResetWaitMs } from '../http.js';
import { anyBrandSearchText } from '../shared/search-terms.js';
import { REDDIT_AUTH_HINT, redditTokenProvider } from './oauth.js';
import { normalizeMentions } from '../shared/records.js';
import type { StreamPage, WalkName } from '../shared/streams.js';
import { normalizeThing, readListing, REDDIT_SERVICE, type RedditListing } from './parse.js';

export const RedditOptionsSchema = z.object({
  /** `search`: brand search (in `subreddits` when given); `new`: every new post of `subreddits`. @default "search" */
  mode: z.enum(['search', 'new']).default('search'),
  /** Subreddit names without `r/`. Required for `new`. @default [] */
  subreddits: z.array(z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'a subreddit name without "r/"')).default([]),
  /** Search text used instead of the brand names (Reddit search syntax). */
  query: z.string().min(1).optional(),
  /** Items per request (Reddit caps at 100). @default 100 */
  limit: z.number().int().min(1).max(100).default(100),
  /** OAuth API base. @default "https://oauth.reddit.com" */
  baseUrl: z.string().url().default('https://oauth.reddit.com'),
  /** Token endpoint. @default "https://www.reddit.com/api/v1/access_token" */
  tokenUrl: z.string().url().default('https://www.reddit.com/api/v1/access_token'),
  /** @default 20000 */
  timeoutMs: z.number().int().positive().default(20_000),
});
export type RedditOptions = z.infer<typeof RedditOptionsSchema>;

/** One source's listing: its path, a page reader (`limit`, `after`, …) and the health check on it. */
export interface RedditListingReader {
  path: string;
  listing: (params: Record<string, string | number | undefined>) => Promise<RedditListing>;
  /** `Connector.check()`: authorizes and reads one item; `note` is added to the detail. */
  check: (note?: string) => Promise<HealthResult>;
}

/**
 * The listing of a source (`/search`, `/r/{subs}/search` or `/r/{subs}/new`).
 * @throws ConnectorConfigError when mode "new" has no subreddits.
 */
export function redditListing(ctx: ConnectorContext<RedditOptions>): RedditListingReader {
  const { options, sourceId } = ctx;
  if (options.mode === 'new' && options.subreddits.length === 0) {
    throw new ConnectorConfigError(
      `source ${sourceId}: reddit mode "new" needs at least one entry in options.subreddits`,
      sourceId,
    );
  }
  const token = redditTokenProvider({
    sourceId,
    tokenUrl: options.tokenUrl,
    clientId: ctx.credentials.clientId,
    clientSecret: ctx.credentials.clientSecret,
    timeoutMs: options.timeoutMs,
    now: ctx.now,
  });
  const subs = options.subreddits.join('+');
  const path =
    options.mode === 'new'
      ? `/r/${subs}/new`
      : options.subreddits.length > 0
        ? `/r/${subs}/search`
        : '/search';
  const listing = async (params: Record<string, string | number | undefined>) =>
    readListing(
      (
        await httpRequest({
          sourceId,
          service: REDDIT_SERVICE,
          url: `${options.baseUrl.replace(/\/$/, '')}${path}`,
          params: {
            raw_json: 1,
            ...(options.mode === 'search'
              ? {
                  q: options.query ?? anyBrandSearchText(ctx.brands),
                  sort: 'new',
                  restrict_sr: subs ? 1 : undefined,
                  type: 'link',
                }
              : {}),
            ...params,
          },
          headers: { Authorization: `bearer ${await token()}` },
          expect: 'json',
          timeoutMs: options.timeoutMs,
          authHint: REDDIT_AUTH_HINT,
          rateLimitWait: redditResetWaitMs,
          now: ctx.now,
        })
      ).body,
      sourceId,
    );

  const check = (note = '') =>
    safeCheck(async () => {
      const page = await listing({ limit: 1 });
      return `authorized; ${page.children.length} item(s) on ${path}${note}`;
    });

  return { path, listing, check };
}

/** A listing as a stream page: its submissions and the `after` token of the page below. */
export function listingPage(listing: RedditListing, sourceId: string): StreamPage<FetchedMention> {
  const { mentions, skippedInvalid } = normalizeMentions(listing.children, normalizeThing, sourceId);
  return { records: mentions, skippedInvalid, next: listing.after ?? undefined };
}

/** The name of a listing walk in `PaginationLoopError` messages. */
export const walkName = (path: string, sourceId: string): WalkName => ({
  what: `${REDDIT_SERVICE} listing ${path} ("after")`,
  sourceId,
});
