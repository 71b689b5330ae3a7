/**
 * `reddit`: submissions mentioning the brands (search, `sort=new`) or every new submission of chosen
 * subreddits (`/r/{sub}/new`), through the OAuth API with an app-only token. Listings are newest first:
 * a poll reads until it reaches the newest submission already delivered, following `after` tokens.
 */
import type { Connector, ConnectorContext, ConnectorDefinition, PageResult } from '../../core/connector.js';
import { asBackfill } from '../shared/backfill.js';
import { BY_PUBLISHED, type StreamCodec, walkStream } from '../shared/streams.js';
import type { Watermark } from '../shared/watermark.js';
import { createRedditBackfill } from './backfill.js';
import { listingPage, type RedditOptions, RedditOptionsSchema, redditListing, walkName } from './client.js';
import { parseReddit } from './parse.js';

export { RedditOptionsSchema, type RedditOptions } from './client.js';

/** Cursor: newest submission delivered (ms + ids at that ms) and a walk down older pages in progress. */
export interface RedditCursor {
  watermark: Watermark;
  walk?: { after: string; tokens: string[]; roundTop: Watermark };
}

/** The cursor as the walk helper sees it: `after` is the page token, `tokens` those followed. */
const STORED: StreamCodec<RedditCursor, Watermark> = {
  read: ({ watermark, walk }) => ({
    mark: watermark,
    walk: walk && { token: walk.after, seen: walk.tokens, newest: walk.roundTop },
  }),
  write: (watermark, walk) =>
    walk
      ? { watermark, walk: { after: walk.token, tokens: walk.seen, roundTop: walk.newest } }
      : { watermark },
};

function createReddit(ctx: ConnectorContext<RedditOptions>): Connector<RedditCursor> {
  const { options, sourceId } = ctx;
  const { path, listing, check } = redditListing(ctx);

  return {
    check: () => check(),

    async fetchPage(cursor): Promise<PageResult<RedditCursor>> {
      const state = cursor ?? { watermark: { at: 0, ids: [] } };
      const listed = listingPage(await listing({ limit: options.limit, after: state.walk?.after }), sourceId);
      // The very first poll reads one page of recent history only.
      const page = cursor === null ? { ...listed, next: undefined } : listed;
      const {
        mentions,
        skippedInvalid,
        state: next,
      } = walkStream(page, state, STORED, BY_PUBLISHED, walkName(path, sourceId));
      return { mentions, cursor: next, caughtUp: next.walk === undefined, skippedInvalid };
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
  parse: parseReddit,
};
