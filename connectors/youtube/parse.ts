/**
 * Normalizes YouTube Data API v3 `commentThreads.list` responses into `FetchedMention`s (one per thread's
 * top-level comment). Pure: no network, used by the connector and by `earshot connectors parse`.
 */
import { z } from 'zod';
import type { ParsedBody } from '../../core/connector.js';
import { InvalidRecordError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { describeBody as preview } from '../http.js';
import {
  count,
  dateMs,
  invalidRecord,
  nonEmpty,
  normalizeMentions,
  optionalText,
  pageToken,
  rawRecords,
  readJsonEnvelope,
  readRecord,
} from '../shared/records.js';

/** The parts of a `youtube#commentThreadListResponse` the connector reads. */
export interface CommentThreadListBody {
  items: unknown[];
  nextPageToken?: string;
}

const ListSchema = z.object({ items: rawRecords, nextPageToken: pageToken });

/** Parses a JSON body as a commentThreads list; returns undefined when it is not one. */
export function readCommentThreadList(body: string): CommentThreadListBody | undefined {
  return readJsonEnvelope(ListSchema, body);
}

const maybeString = z.string().optional().catch(undefined);

/** The fields of a `youtube#commentThread` the connector reads. */
const ThreadSchema = z.object({
  id: nonEmpty,
  snippet: z.object({
    videoId: maybeString,
    channelId: maybeString,
    totalReplyCount: count,
    topLevelComment: z.object({
      snippet: z.object({
        textOriginal: maybeString,
        textDisplay: maybeString,
        publishedAt: dateMs,
        videoId: maybeString,
        channelId: maybeString,
        authorDisplayName: optionalText,
        authorChannelId: z.object({ value: maybeString }).catch({ value: undefined }),
        likeCount: count,
      }),
    }),
  }),
});

const WHAT = 'YouTube comment thread';

/**
 * Normalizes one `youtube#commentThread`.
 * @throws InvalidRecordError when the id, top-level comment, text or publishedAt is missing or malformed.
 */
export function normalizeThread(raw: unknown, sourceId = 'youtube'): FetchedMention {
  const { id, snippet } = readRecord(ThreadSchema, raw, WHAT, sourceId);
  const comment = snippet.topLevelComment.snippet;
  const text = comment.textOriginal ?? comment.textDisplay;
  if (text === undefined) throw invalidRecord(WHAT, raw, sourceId, 'no comment text');
  const videoId = snippet.videoId ?? comment.videoId;
  const channelId = snippet.channelId ?? comment.channelId;
  const lc = `lc=${encodeURIComponent(id)}`;
  let url: string;
  if (videoId) url = `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}&${lc}`;
  // A thread on the channel itself (no video): link the channel with the comment highlighted.
  else if (channelId) url = `https://www.youtube.com/channel/${encodeURIComponent(channelId)}?${lc}`;
  else throw invalidRecord(WHAT, raw, sourceId, 'no videoId or channelId');
  return {
    source: 'youtube',
    native_id: id,
    kind: 'comment',
    url,
    author: comment.authorDisplayName || (comment.authorChannelId.value ?? ''),
    text,
    published_at: comment.publishedAt,
    engagement: { likes: comment.likeCount, shares: 0, replies: snippet.totalReplyCount, score: 0 },
  };
}

/** Normalizes a page of threads; malformed ones are skipped and counted. */
export function normalizeThreads(items: unknown[], sourceId?: string): ParsedBody {
  return normalizeMentions(items, (item) => normalizeThread(item, sourceId));
}

/**
 * `ConnectorDefinition.parse` for YouTube: normalizes a commentThreads list.
 * @throws InvalidRecordError for any other body (a Google API error envelope, HTML, garbage).
 */
export function parseYoutubeBody(body: string, sourceId = 'youtube'): ParsedBody {
  const list = readCommentThreadList(body);
  if (!list)
    throw new InvalidRecordError(
      `not a YouTube commentThreads list (expected {"items": [...]}; got ${preview(body)})`,
      sourceId,
    );
  return normalizeThreads(list.items, sourceId);
}
