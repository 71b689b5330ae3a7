/**
 * `reddit`: submissions mentioning the brands (search, `sort=new`) or every new submission of chosen
 * subreddits (`/r/{sub}/new`), through the OAuth API with an app-only token. Listings are newest first:
 * a poll reads until it reaches the newest submission already delivered, following `after` tokens.
 */
import type { Connector, ConnectorContext, ConnectorDefinition, PageResult } from '../../core/connector.js';
import { PaginationLoopError } from '../../core/errors.js';
import { asBackfill } from '../shared/backfill.js';
import { safeCheck } from '../../platform/health.js';
import { advanceWatermark, isAfterWatermark, type Watermark } from '../shared/watermark.js';
import { createRedditBackfill } from './backfill.js';
import { type RedditOptions, RedditOptionsSchema, redditListing } from './client.js';
import { normalizeListing, parseReddit, REDDIT_SERVICE } from './parse.js';

export { RedditOptionsSchema, type RedditOptions } from './client.js';
export type { RedditBackfillCursor } from './backfill.js';

/** Cursor: newest submission delivered (ms + ids at that ms) and a walk down older pages in progress. */
export interface RedditCursor {
  watermark: Watermark;
  walk?: { after: string; tokens: string[]; roundTop: Watermark };
}

function createReddit(ctx: ConnectorContext<RedditOptions>): Connector<RedditCursor> {
  const { options, sourceId } = ctx;
  const { path, listing } = redditListing(ctx);

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
  createBackfill: asBackfill(createRedditBackfill),
  parse: (body, sourceId) => parseReddit(body, sourceId ?? 'reddit'),
};
