/**
 * The Bluesky connector instance: one `app.bsky.feed.searchPosts` stream per brand search (a brand query
 * may compile to several) (`sort=latest`, `since=<watermark>`), walked newest first through `cursor` until
 * it reaches the watermark.
 */
import type { Connector, ConnectorContext, PageResult } from '../../core/connector.js';
import { ConnectorConfigError, TransientSourceError } from '../../core/errors.js';
import { safeCheck } from '../../platform/health.js';
import { brandSearches } from '../shared/brand-searches.js';
import { normalizeAll } from '../shared/records.js';
import {
  byWatermark,
  fromLookback,
  pollWalks,
  watermarkCodec,
  type WatermarkCursor,
} from '../shared/streams.js';
import type { BlueskyOptions } from './options.js';
import { type NormalizedPost, normalizePost, toSearchPostsBody } from './parse.js';
import { BlueskyClient } from './xrpc.js';

/**
 * The persisted cursor: one stream per search, keyed `<brand key>:<query>`, with the watermark (on
 * `sortAt`) and, during a walk, `{ cursor, seen, newest }` (the cursor to request next, those already
 * followed, the newest post delivered). JSON-serializable.
 */
export type BlueskyCursor = WatermarkCursor<'cursor'>;

const STORED = watermarkCodec('cursor');

/** Parameters of one searchPosts request (besides `q` and `sort=latest`). */
export interface SearchPostsParams {
  since?: string;
  until?: string;
  cursor?: string;
}

/**
 * One `app.bsky.feed.searchPosts` page, newest first (`sort=latest`), normalized.
 * @throws the errors of `BlueskyClient.get`; TransientSourceError when the answer has no `posts`.
 */
export async function searchPostsPage(
  api: BlueskyClient,
  ctx: ConnectorContext<BlueskyOptions>,
  query: string,
  params: SearchPostsParams,
): Promise<{ records: NormalizedPost[]; skippedInvalid: number; next?: string }> {
  const raw = await api.get('app.bsky.feed.searchPosts', {
    q: query,
    sort: 'latest',
    ...params,
    lang: ctx.options.lang,
    limit: ctx.options.pageSize,
  });
  const body = toSearchPostsBody(raw);
  if (!body)
    throw new TransientSourceError(
      `Bluesky searchPosts answered without a "posts" array for ${ctx.sourceId}`,
      ctx.sourceId,
    );
  return { ...normalizeAll(body.posts, normalizePost, ctx.sourceId), next: body.cursor };
}

/**
 * The XRPC client of a source.
 * @throws ConnectorConfigError when the identifier or app password credential is missing.
 */
export function blueskyClient(ctx: ConnectorContext<BlueskyOptions>): BlueskyClient {
  const { options, sourceId } = ctx;
  const identifier = ctx.credentials.identifier;
  const appPassword = ctx.credentials.appPassword;
  if (!identifier || !appPassword)
    throw new ConnectorConfigError(
      `source ${sourceId}: Bluesky needs credentials "identifier" (your handle) and "appPassword"; map both ` +
        'to environment variables under credentials: in the config',
      sourceId,
    );
  return new BlueskyClient({ sourceId, baseUrl: options.baseUrl, identifier, appPassword, now: ctx.now });
}

/** Bluesky posts ordered by `sortAt`, the time `since` / `until` filter on. */
export const BY_SORT_AT = byWatermark(
  (p: NormalizedPost) => ({ at: p.sortAt, id: p.mention.native_id }),
  (p) => p.mention,
);

/** The name of a search's walk in `PaginationLoopError` messages. */
export const walkName = (key: string, sourceId: string) => ({
  what: `Bluesky searchPosts (${key})`,
  sourceId,
});

/** Builds the connector for one configured Bluesky source. */
export function createBlueskyConnector(ctx: ConnectorContext<BlueskyOptions>): Connector<BlueskyCursor> {
  const { options, sourceId } = ctx;
  const client = (): BlueskyClient => blueskyClient(ctx);

  return {
    check: () =>
      safeCheck(async () => {
        const [first] = brandSearches(ctx.brands, 'bluesky', sourceId, ctx.logger);
        await client().get('app.bsky.feed.searchPosts', {
          q: first?.q ?? 'bluesky',
          sort: 'latest',
          limit: 1,
        });
        return `logged in and searched on ${options.baseUrl}`;
      }),

    async fetchPage(cursor): Promise<PageResult<BlueskyCursor>> {
      const api = client();
      return pollWalks(brandSearches(ctx.brands, 'bluesky', sourceId, ctx.logger), cursor, {
        codec: STORED,
        order: BY_SORT_AT,
        start: fromLookback(ctx.now(), options.initialLookback),
        read: ({ q }, { watermark, walk }) =>
          searchPostsPage(api, ctx, q, { since: new Date(watermark.at).toISOString(), cursor: walk?.cursor }),
        name: ({ key }) => walkName(key, sourceId),
      });
    },
  };
}
