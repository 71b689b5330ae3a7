/**
 * The YouTube connector instance: one `commentThreads.list` stream per configured video and one for the
 * channel (`allThreadsRelatedToChannelId`), newest first (`order=time`), walked through `nextPageToken`
 * down to the watermark (YouTube has no "since" filter).
 */
import type { Connector, ConnectorContext, PageResult } from '../../core/connector.js';
import { durationMs } from '../../core/config/index.js';
import { ConnectorConfigError, TransientSourceError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { httpRequest } from '../http.js';
import { safeCheck } from '../../platform/health.js';
import {
  BY_PUBLISHED,
  pollStreams,
  type StreamPage,
  type StreamStep,
  walkToMark,
  type WalkName,
} from '../shared/streams.js';
import type { Watermark } from '../shared/watermark.js';
import { youtubeFailure } from './errors.js';
import type { YoutubeOptions } from './options.js';
import { type CommentThreadListBody, normalizeThreads, readCommentThreadList } from './parse.js';

/** Progress through one video's or channel's threads in the current poll. */
export interface YoutubeWalk {
  pageToken: string;
  /** Page tokens already requested; a repeat means pagination is looping. */
  seen: string[];
  newest: Watermark;
}

/** Per video / channel state. */
export interface YoutubeStream {
  watermark: Watermark;
  walk?: YoutubeWalk;
}

/** The persisted cursor, keyed `video:<id>` / `channel:<id>`. JSON-serializable. */
export interface YoutubeCursor {
  streams: Record<string, YoutubeStream>;
}

/** One stream: a video's or the channel's comment threads. */
export interface YoutubeTarget {
  key: string;
  what: string;
  params: Record<string, string>;
}

/**
 * The targets and the `commentThreads.list` call of one YouTube source, shared by the scheduled connector
 * and the backfill. `list()` resolves `{ body }`, or the `YoutubeFailure` to act on (`{ skip }` for
 * comments disabled, `{ error }` otherwise).
 */
export function youtubeTargets(ctx: ConnectorContext<YoutubeOptions>) {
  const { options, sourceId } = ctx;
  const base = options.baseUrl.replace(/\/+$/, '');
  const targets: YoutubeTarget[] = [
    ...options.videoIds.map((id) => ({ key: `video:${id}`, what: `video ${id}`, params: { videoId: id } })),
    ...(options.channelId
      ? [
          {
            key: `channel:${options.channelId}`,
            what: `channel ${options.channelId}`,
            params: { allThreadsRelatedToChannelId: options.channelId },
          },
        ]
      : []),
  ];

  async function list(target: YoutubeTarget, maxResults: number, pageToken?: string) {
    const key = ctx.credentials.apiKey;
    if (!key)
      throw new ConnectorConfigError(
        `source ${sourceId}: YouTube needs the "apiKey" credential (a YouTube Data API v3 key) mapped to an ` +
          'environment variable under credentials: in the config',
        sourceId,
      );
    const res = await httpRequest<unknown>({
      sourceId,
      service: 'YouTube',
      url: `${base}/commentThreads`,
      params: {
        part: 'snippet',
        textFormat: 'plainText',
        order: 'time',
        maxResults,
        pageToken,
        ...target.params,
        key,
      },
      expect: 'json',
      authHint: 'the "apiKey" credential',
      passStatuses: [400, 403, 404],
      now: ctx.now,
    });
    if (res.status >= 400) return youtubeFailure(sourceId, target.what, res.status, res.text, ctx.now());
    const body = readCommentThreadList(res.text);
    if (!body)
      throw new TransientSourceError(
        `YouTube commentThreads answered without "items" for ${sourceId}`,
        sourceId,
      );
    return { body };
  }

  return { targets, list };
}

/** The page below a commentThreads list, for the stream walks. */
export function threadPage(body: CommentThreadListBody, sourceId: string): StreamPage<FetchedMention> {
  const { mentions, skippedInvalid } = normalizeThreads(body.items, sourceId);
  return { records: mentions, skippedInvalid, next: body.nextPageToken };
}

/** The name of a target's walk in `PaginationLoopError` messages. */
export const walkName = (target: YoutubeTarget, sourceId: string): WalkName => ({
  what: `YouTube commentThreads (${target.what})`,
  sourceId,
});

/** Builds the connector for one configured YouTube source. */
export function createYoutubeConnector(ctx: ConnectorContext<YoutubeOptions>): Connector<YoutubeCursor> {
  const { options, sourceId } = ctx;
  const { targets, list } = youtubeTargets(ctx);

  async function fetchStream(
    target: YoutubeTarget,
    stream: YoutubeStream,
  ): Promise<StreamStep<YoutubeStream>> {
    const { watermark, walk } = stream;
    const result = await list(target, options.pageSize, walk?.pageToken);
    if ('error' in result) throw result.error;
    if ('skip' in result) {
      ctx.logger.warn(
        { source: sourceId, target: target.what },
        `YouTube: ${result.skip}; skipping it this poll`,
      );
      return { mentions: [], skippedInvalid: 0, state: { watermark } };
    }
    const page = threadPage(result.body, sourceId);
    const step = walkToMark(
      page,
      watermark,
      walk && { ...walk, token: walk.pageToken },
      BY_PUBLISHED,
      walkName(target, sourceId),
    );
    const next = step.walk && { pageToken: step.walk.token, seen: step.walk.seen, newest: step.walk.newest };
    return {
      mentions: step.fresh,
      skippedInvalid: page.skippedInvalid,
      state: next ? { watermark, walk: next } : { watermark: step.mark },
    };
  }

  return {
    check: () =>
      safeCheck(async () => {
        const [first] = targets;
        if (!first) throw new Error(`source ${sourceId} has no videoIds or channelId`);
        const result = await list(first, 1);
        if ('error' in result) throw result.error;
        return 'skip' in result ? result.skip : 'API key accepted';
      }),

    async fetchPage(cursor): Promise<PageResult<YoutubeCursor>> {
      const start: Watermark = { at: ctx.now() - durationMs(options.initialLookback), ids: [] };
      const page = await pollStreams(targets, cursor?.streams, () => ({ watermark: start }), fetchStream);
      return { ...page, cursor: { streams: page.cursor } };
    },
  };
}
