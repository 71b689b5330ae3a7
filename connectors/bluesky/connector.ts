/**
 * The Bluesky connector instance: one `app.bsky.feed.searchPosts` stream per brand search (a brand query
 * may compile to several) (`sort=latest`,
 * `since=<watermark>`), walked newest first through `cursor` until it reaches the watermark.
 */
import type { Connector, ConnectorContext, PageResult } from '../../core/connector.js';
import { durationMs } from '../../core/config/index.js';
import { ConnectorConfigError, PaginationLoopError, TransientSourceError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { brandSearches } from '../shared/brand-searches.js';
import { type Watermark, advanceWatermark, isAfterWatermark, laterWatermark } from '../shared/watermark.js';
import type { BlueskyOptions } from './options.js';
import { type NormalizedPost, normalizePosts, toSearchPostsBody } from './parse.js';
import { BlueskyClient } from './xrpc.js';

/** Progress through one search's result pages in the current poll. */
export interface BlueskyWalk {
  /** The `cursor` to request next. */
  cursor: string;
  /** Every cursor this walk has used; a repeat means the API is looping. */
  seen: string[];
  /** Newest record delivered during this walk; becomes the watermark when the walk ends. */
  newest: Watermark;
}

/** Per-search state: the watermark (on `sortAt`) and the walk in progress, if any. */
export interface BlueskyStream {
  watermark: Watermark;
  walk?: BlueskyWalk;
}

/** The persisted cursor: one stream per search, keyed `<brand key>:<query>`. JSON-serializable. */
export interface BlueskyCursor {
  streams: Record<string, BlueskyStream>;
}

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
): Promise<{ posts: NormalizedPost[]; skipped: number; cursor?: string }> {
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
  return { ...normalizePosts(body.posts, ctx.sourceId), cursor: body.cursor };
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

/** Builds the connector for one configured Bluesky source. */
export function createBlueskyConnector(ctx: ConnectorContext<BlueskyOptions>): Connector<BlueskyCursor> {
  const { options, sourceId } = ctx;
  const client = (): BlueskyClient => blueskyClient(ctx);

  async function fetchStream(
    api: BlueskyClient,
    query: string,
    stream: BlueskyStream,
  ): Promise<{ mentions: FetchedMention[]; skipped: number; stream: BlueskyStream }> {
    const walk = stream.walk;
    const body = await searchPostsPage(api, ctx, query, {
      since: new Date(stream.watermark.at).toISOString(),
      cursor: walk?.cursor,
    });
    const { posts, skipped } = body;
    let newest = walk?.newest ?? stream.watermark;
    let reachedWatermark = false;
    const mentions: FetchedMention[] = [];
    for (const post of posts) {
      if (isAfterWatermark(stream.watermark, post.sortAt, post.mention.native_id)) {
        mentions.push(post.mention);
        newest = advanceWatermark(newest, post.sortAt, post.mention.native_id);
      } else reachedWatermark = true;
    }
    const next = body.cursor;
    if (!next || posts.length === 0 || reachedWatermark)
      return { mentions, skipped, stream: { watermark: laterWatermark(stream.watermark, newest) } };
    const seen = walk ? [...walk.seen, walk.cursor] : [];
    if (seen.includes(next) || next === walk?.cursor)
      throw new PaginationLoopError(
        `Bluesky searchPosts returned cursor "${next}" again for ${sourceId} (query ${JSON.stringify(query)}); ` +
          'stopping this poll instead of looping',
        sourceId,
      );
    return {
      mentions,
      skipped,
      stream: { watermark: stream.watermark, walk: { cursor: next, seen, newest } },
    };
  }

  return {
    async check() {
      try {
        const [first] = brandSearches(ctx.brands, 'bluesky', sourceId, ctx.logger);
        await client().get('app.bsky.feed.searchPosts', {
          q: first?.q ?? 'bluesky',
          sort: 'latest',
          limit: 1,
        });
        return { ok: true, detail: `logged in and searched on ${options.baseUrl}` };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },

    async fetchPage(cursor): Promise<PageResult<BlueskyCursor>> {
      const api = client();
      const start: Watermark = { at: ctx.now() - durationMs(options.initialLookback), ids: [] };
      const searches = brandSearches(ctx.brands, 'bluesky', sourceId, ctx.logger);
      const streams: Record<string, BlueskyStream> = {};
      for (const { key } of searches) streams[key] = cursor?.streams[key] ?? { watermark: start };
      // A poll walks every brand's search to its watermark; until all are done, only unfinished walks move.
      const walking = Object.values(streams).some((s) => s.walk);
      const mentions: FetchedMention[] = [];
      let skippedInvalid = 0;
      for (const { key, q } of searches) {
        const stream = streams[key]!;
        if (walking && !stream.walk) continue;
        const result = await fetchStream(api, q, stream);
        mentions.push(...result.mentions);
        skippedInvalid += result.skipped;
        streams[key] = result.stream;
      }
      const caughtUp = Object.values(streams).every((s) => !s.walk);
      return { mentions, cursor: { streams }, caughtUp, skippedInvalid };
    },
  };
}
