/**
 * `reddit`: submissions mentioning the brands (search, `sort=new`) or every new submission of chosen
 * subreddits (`/r/{sub}/new`), through the OAuth API with an app-only token. Listings are newest first:
 * a poll reads until it reaches the newest submission already delivered, following `after` tokens.
 */
import type { Connector, ConnectorContext, ConnectorDefinition, PageResult } from '../../core/connector.js';
import { safeCheck } from '../../platform/health.js';
import { asBackfill } from '../shared/backfill.js';
import { BY_PUBLISHED, walkToMark } from '../shared/streams.js';
import type { Watermark } from '../shared/watermark.js';
import { createRedditBackfill } from './backfill.js';
import { listingPage, type RedditOptions, RedditOptionsSchema, redditListing, walkName } from './client.js';
import { parseReddit } from './parse.js';

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
      const page = await listingPage(await listing({ limit: options.limit, after: walk?.after }), sourceId);
      // The very first poll reads one page of recent history only.
      const firstPoll = cursor === null;
      const token = walk && { token: walk.after, seen: walk.tokens, newest: walk.roundTop };
      const step = walkToMark(
        firstPoll ? { ...page, next: undefined } : page,
        watermark,
        token,
        BY_PUBLISHED,
        walkName(path, sourceId),
      );
      const next: RedditCursor = step.walk
        ? { watermark, walk: { after: step.walk.token, tokens: step.walk.seen, roundTop: step.walk.newest } }
        : { watermark: step.mark };
      return {
        mentions: step.fresh,
        cursor: next,
        caughtUp: !step.walk,
        skippedInvalid: page.skippedInvalid,
      };
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
