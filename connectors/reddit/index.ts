/**
 * `reddit`: submissions mentioning the brands (search, `sort=new`) or every new submission of chosen
 * subreddits (`/r/{sub}/new`), through the OAuth API with an app-only token. Listings are newest first:
 * a poll reads until it reaches the newest submission already delivered, following `after` tokens.
 */
import { z } from 'zod';
import type { Connector, ConnectorContext, ConnectorDefinition, PageResult } from '../../core/connector.js';
import { ConnectorConfigError, PaginationLoopError } from '../../core/errors.js';
import { httpRequest, redditResetWaitMs } from '../http.js';
import { safeCheck } from '../shared/check.js';
import { anyBrandSearchText } from '../shared/search-terms.js';
import { advanceWatermark, isAfterWatermark, type Watermark } from '../shared/watermark.js';
import { REDDIT_AUTH_HINT, redditTokenProvider } from './oauth.js';
import { normalizeListing, parseReddit, readListing, REDDIT_SERVICE } from './parse.js';

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

/** Cursor: newest submission delivered (ms + ids at that ms) and a walk down older pages in progress. */
export interface RedditCursor {
  watermark: Watermark;
  walk?: { after: string; tokens: string[]; roundTop: Watermark };
}

function createReddit(ctx: ConnectorContext<RedditOptions>): Connector<RedditCursor> {
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

  return {
    check: () =>
      safeCheck(async () => {
        const page = await listing({ limit: 1 });
        return `authorized; ${page.children.length} item(s) on ${path}`;
      }),

    async fetchPage(cursor): Promise<PageResult<RedditCursor>> {
      const watermark = cursor?.watermark ?? { at: 0, ids: [] };
      const walk = cursor?.walk;
      const page = await listing({ limit: options.limit, after: walk?.after });
      if (walk && page.after && (page.after === walk.after || walk.tokens.includes(page.after))) {
        throw new PaginationLoopError(
          `${REDDIT_SERVICE} returned the "after" token ${page.after} again on ${path}; stopping instead of looping`,
          sourceId,
        );
      }
      const parsed = normalizeListing(page, sourceId);
      const fresh = parsed.mentions.filter((m) => isAfterWatermark(watermark, m.published_at, m.native_id));
      let top = walk?.roundTop ?? watermark;
      for (const m of fresh) top = advanceWatermark(top, m.published_at, m.native_id);
      // Keep walking only when the whole page was new (the watermark lies further back) and it is not the
      // very first poll, which reads one page of recent history only.
      const reachedWatermark = fresh.length < parsed.mentions.length;
      const more = cursor !== null && page.after !== null && !reachedWatermark && parsed.mentions.length > 0;
      const next: RedditCursor = more
        ? {
            watermark,
            walk: {
              after: page.after as string,
              tokens: [...(walk?.tokens ?? []), page.after as string],
              roundTop: top,
            },
          }
        : { watermark: top };
      return { mentions: fresh, cursor: next, caughtUp: !more, skippedInvalid: parsed.skippedInvalid };
    },
  };
}

/** The `reddit` source type. */
export const redditConnector: ConnectorDefinition<RedditOptions, RedditCursor> = {
  type: 'reddit',
  optionsSchema: RedditOptionsSchema,
  credentials: [
    {
      key: 'clientId',
      required: true,
      description: 'Reddit app client id (https://www.reddit.com/prefs/apps)',
    },
    { key: 'clientSecret', required: true, description: 'Reddit app secret' },
  ],
  create: createReddit,
  parse: (body, sourceId) => parseReddit(body, sourceId ?? 'reddit'),
};
