/**
 * Normalizes YouTube Data API v3 `commentThreads.list` responses into `FetchedMention`s (one per thread's
 * top-level comment). Pure: no network, used by the connector and by `earshot connectors parse`.
 */
import { z } from 'zod';
import type { ParsedBody } from '../../core/connector.js';
import type { FetchedMention } from '../../core/mention.js';
import {
  engagement,
  field,
  invalidRecord,
  normalizeMentions,
  readJsonEnvelope,
  readRecord,
  requireJsonEnvelope,
} from '../shared/records.js';

/** The parts of a `youtube#commentThreadListResponse` the connector reads. */
export interface CommentThreadListBody {
  items: unknown[];
  nextPageToken?: string;
}

const ListSchema = z.object({ items: field.records, nextPageToken: field.pageToken });

/** Parses a JSON body as a commentThreads list; returns undefined when it is not one. */
export function readCommentThreadList(body: string): CommentThreadListBody | undefined {
  return readJsonEnvelope(ListSchema, body);
}

/** The fields of a `youtube#commentThread` the connector reads. */
const ThreadSchema = z.object({
  id: field.nonEmpty,
  snippet: z.object({
    videoId: field.maybeText,
    channelId: field.maybeText,
    totalReplyCount: field.count,
    topLevelComment: z.object({
      snippet: z.object({
        textOriginal: field.maybeText,
        textDisplay: field.maybeText,
        publishedAt: field.date,
        videoId: field.maybeText,
        channelId: field.maybeText,
        authorDisplayName: field.text,
        authorChannelId: z.object({ value: field.maybeText }).catch({ value: undefined }),
        likeCount: field.count,
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
    engagement: engagement(comment.likeCount, 0, snippet.totalReplyCount),
  };
}

/**
 * `ConnectorDefinition.parse` for YouTube: normalizes a commentThreads list.
 * @throws InvalidRecordError for any other body (a Google API error envelope, HTML, garbage).
 */
export function parseYoutubeBody(body: string, sourceId = 'youtube'): ParsedBody {
  const expected = 'a YouTube commentThreads list (expected {"items": [...]})';
  const { items } = requireJsonEnvelope(ListSchema, body, expected, sourceId);
  return normalizeMentions(items, normalizeThread, sourceId);
}
