/**
 * The YouTube connector instance: one `commentThreads.list` stream per configured video and one for the
 * channel (`allThreadsRelatedToChannelId`), newest first (`order=time`), walked through `nextPageToken`
 * down to the watermark (YouTube has no "since" filter).
 */
import type { Connector, ConnectorContext, PageResult } from '../../core/connector.js';
import { durationMs } from '../../core/config/index.js';
import { ConnectorConfigError, PaginationLoopError, TransientSourceError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { httpRequest } from '../http.js';
import { type Watermark, advanceWatermark, isAfterWatermark, laterWatermark } from '../shared/watermark.js';
import { youtubeFailure } from './errors.js';
import type { YoutubeOptions } from './options.js';
import { normalizeThreads, readCommentThreadList } from './parse.js';

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

/** Builds the connector for one configured YouTube source. */
export function createYoutubeConnector(ctx: ConnectorContext<YoutubeOptions>): Connector<YoutubeCursor> {
  const { options, sourceId } = ctx;
  const { targets, list } = youtubeTargets(ctx);

  async function fetchStream(target: YoutubeTarget, stream: YoutubeStream) {
    const walk = stream.walk;
    const result = await list(target, options.pageSize, walk?.pageToken);
    if ('error' in result) throw result.error;
    if ('skip' in result) {
      ctx.logger.warn(
        { source: sourceId, target: target.what },
        `YouTube: ${result.skip}; skipping it this poll`,
      );
      return { mentions: [], skipped: 0, stream: { watermark: stream.watermark } };
    }
    const { mentions: all, skippedInvalid } = normalizeThreads(result.body.items, sourceId);
    const mentions: FetchedMention[] = [];
    let newest = walk?.newest ?? stream.watermark;
    let reachedWatermark = false;
    for (const m of all) {
      if (isAfterWatermark(stream.watermark, m.published_at, m.native_id)) {
        mentions.push(m);
        newest = advanceWatermark(newest, m.published_at, m.native_id);
      } else reachedWatermark = true;
    }
    const next = result.body.nextPageToken;
    if (!next || all.length === 0 || reachedWatermark)
      return {
        mentions,
        skipped: skippedInvalid,
        stream: { watermark: laterWatermark(stream.watermark, newest) },
      };
    const seen = walk ? [...walk.seen, walk.pageToken] : [];
    if (seen.includes(next) || next === walk?.pageToken)
      throw new PaginationLoopError(
        `YouTube returned page token ${next.slice(0, 16)}… again for ${target.what} (${sourceId}); stopping ` +
          'instead of looping',
        sourceId,
      );
    return {
      mentions,
      skipped: skippedInvalid,
      stream: { watermark: stream.watermark, walk: { pageToken: next, seen, newest } },
    };
  }

  return {
    async check() {
      try {
        const [first] = targets;
        if (!first) return { ok: false, error: `source ${sourceId} has no videoIds or channelId` };
        const result = await list(first, 1);
        if ('error' in result) throw result.error;
        return { ok: true, detail: 'skip' in result ? result.skip : 'API key accepted' };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },

    async fetchPage(cursor): Promise<PageResult<YoutubeCursor>> {
      const start: Watermark = { at: ctx.now() - durationMs(options.initialLookback), ids: [] };
      const streams: Record<string, YoutubeStream> = {};
      for (const { key } of targets) streams[key] = cursor?.streams[key] ?? { watermark: start };
      const walking = Object.values(streams).some((s) => s.walk);
      const mentions: FetchedMention[] = [];
      let skippedInvalid = 0;
      for (const target of targets) {
        const stream = streams[target.key]!;
        if (walking && !stream.walk) continue;
        const result = await fetchStream(target, stream);
        mentions.push(...result.mentions);
        skippedInvalid += result.skipped;
        streams[target.key] = result.stream;
      }
      return {
        mentions,
        cursor: { streams },
        caughtUp: Object.values(streams).every((s) => !s.walk),
        skippedInvalid,
      };
    },
  };
}
