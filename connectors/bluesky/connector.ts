/**
 * The Bluesky connector instance: one `app.bsky.feed.searchPosts` stream per brand search (a brand query
 * may compile to several) (`sort=latest`, `since=<watermark>`), walked newest first through `cursor` until
 * it reaches the watermark.
 */
import type { Connector, ConnectorContext, PageResult } from '../../core/connector.js';
import { durationMs } from '../../core/config/index.js';
import { ConnectorConfigError, TransientSourceError } from '../../core/errors.js';
import { safeCheck } from '../../platform/health.js';
import { type BrandSearch, brandSearches } from '../shared/brand-searches.js';
import { normalizeAll } from '../shared/records.js';
import {
  byWatermark,
  pollStreams,
  type StreamPage,
  type StreamsCursor,
  type StreamStep,
  walkStream,
  type WalkName,
  watermarkCodec,
  type WatermarkStream,
} from '../shared/streams.js';
import type { Watermark } from '../shared/watermark.js';
import type { BlueskyOptions } from './options.js';
import { type NormalizedPost, normalizePost, toSearchPostsBody } from './parse.js';
import { BlueskyClient } from './xrpc.js';

/**
 * Per-search state: the watermark (on `sortAt`) and, during a walk, `{ cursor, seen, newest }` (the
 * cursor to request next, those already followed, the newest post delivered).
 */
export type BlueskyStream = WatermarkStream<'cursor'>;

/** The persisted cursor: one stream per search, keyed `<brand key>:<query>`. JSON-serializable. */
export type BlueskyCursor = StreamsCursor<BlueskyStream>;

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
): Promise<StreamPage<NormalizedPost>> {
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
export const walkName = (key: string, sourceId: string): WalkName => ({
  what: `Bluesky searchPosts (${key})`,
  sourceId,
});

/** Builds the connector for one configured Bluesky source. */
export function createBlueskyConnector(ctx: ConnectorContext<BlueskyOptions>): Connector<BlueskyCursor> {
  const { options, sourceId } = ctx;
  const client = (): BlueskyClient => blueskyClient(ctx);

  async function fetchStream(
    api: BlueskyClient,
    search: BrandSearch,
    stream: BlueskyStream,
  ): Promise<StreamStep<BlueskyStream>> {
    const since = new Date(stream.watermark.at).toISOString();
    const page = await searchPostsPage(api, ctx, search.q, { since, cursor: stream.walk?.cursor });
    return walkStream(page, stream, STORED, BY_SORT_AT, walkName(search.key, sourceId));
  }

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
      const start: Watermark = { at: ctx.now() - durationMs(options.initialLookback), ids: [] };
      const searches = brandSearches(ctx.brands, 'bluesky', sourceId, ctx.logger);
      const page = await pollStreams(
        searches,
        cursor?.streams,
        (): BlueskyStream => ({ watermark: start }),
        (s, state) => fetchStream(api, s, state),
      );
      return { ...page, cursor: { streams: page.cursor } };
    },
  };
}
