/**
 * The YouTube connector instance: one `commentThreads.list` stream per configured video and one for the
 * channel (`allThreadsRelatedToChannelId`), newest first (`order=time`), walked through `nextPageToken`
 * down to the watermark (YouTube has no "since" filter).
 */
import type { Connector, ConnectorContext, PageResult } from '../../core/connector.js';
import { ConnectorConfigError, TransientSourceError } from '../../core/errors.js';
import { safeCheck } from '../../platform/health.js';
import { httpRequest } from '../http.js';
import { normalizeMentions } from '../shared/records.js';
import {
  BY_PUBLISHED,
  firstStream,
  fromLookback,
  pollWalks,
  watermarkCodec,
  type WatermarkCursor,
} from '../shared/streams.js';
import { youtubeFailure } from './errors.js';
import type { YoutubeOptions } from './options.js';
import { normalizeThread, readCommentThreadList } from './parse.js';

/**
 * The persisted cursor, keyed `video:<id>` / `channel:<id>`, with the watermark and, during a walk,
 * `{ pageToken, seen, newest }` (the token to request next, those already followed, the newest thread
 * delivered). JSON-serializable.
 */
export type YoutubeCursor = WatermarkCursor<'pageToken'>;

const STORED = watermarkCodec('pageToken');

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

  /**
   * One page of a target's threads for a stream walk, or undefined when the target is skipped (comments
   * disabled, video gone): logged with `then`, what the caller does about it.
   */
  async function readPage(target: YoutubeTarget, pageToken: string | undefined, then: string) {
    const result = await list(target, options.pageSize, pageToken);
    if ('error' in result) throw result.error;
    if ('skip' in result) {
      ctx.logger.warn({ source: sourceId, target: target.what }, `YouTube: ${result.skip}; ${then}`);
      return undefined;
    }
    const { mentions, skippedInvalid } = normalizeMentions(result.body.items, normalizeThread, sourceId);
    return { records: mentions, skippedInvalid, next: result.body.nextPageToken };
  }

  /** `Connector.check()` for the poll and the backfill: one thread of the first target. */
  const check = () =>
    safeCheck(async () => {
      const result = await list(firstStream(targets, sourceId, 'videoIds or channelId'), 1);
      if ('error' in result) throw result.error;
      return 'skip' in result ? result.skip : 'API key accepted';
    });

  return { targets, readPage, check };
}

/** The name of a target's walk in `PaginationLoopError` messages. */
export const walkName = (target: YoutubeTarget, sourceId: string) => ({
  what: `YouTube commentThreads (${target.what})`,
  sourceId,
});

/** Builds the connector for one configured YouTube source. */
export function createYoutubeConnector(ctx: ConnectorContext<YoutubeOptions>): Connector<YoutubeCursor> {
  const { options, sourceId } = ctx;
  const { targets, readPage, check } = youtubeTargets(ctx);

  return {
    check,

    async fetchPage(cursor): Promise<PageResult<YoutubeCursor>> {
      return pollWalks(targets, cursor, {
        codec: STORED,
        order: BY_PUBLISHED,
        start: fromLookback(ctx.now(), options.initialLookback),
        read: (target, stream) => readPage(target, stream.walk?.pageToken, 'skipping it this poll'),
        name: (target) => walkName(target, sourceId),
      });
    },
  };
}
