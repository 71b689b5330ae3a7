/**
 * Normalizes YouTube Data API v3 `commentThreads.list` responses into `FetchedMention`s (one per thread's
 * top-level comment). Pure: no network, used by the connector and by `earshot connectors parse`.
 */
import type { ParsedBody } from '../../core/connector.js';
import { InvalidRecordError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { describeBody as preview } from '../http.js';

/** The parts of a `youtube#commentThreadListResponse` the connector reads. */
export interface CommentThreadListBody {
  items: unknown[];
  nextPageToken?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Parses a JSON body as a commentThreads list; returns undefined when it is not one. */
export function readCommentThreadList(body: string): CommentThreadListBody | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isObject(json) || !Array.isArray(json.items)) return undefined;
  const token =
    typeof json.nextPageToken === 'string' && json.nextPageToken !== '' ? json.nextPageToken : undefined;
  return { items: json.items, nextPageToken: token };
}

/**
 * Normalizes one `youtube#commentThread`.
 * @throws InvalidRecordError when the id, top-level comment, text or publishedAt is missing or malformed.
 */
export function normalizeThread(thread: unknown, sourceId = 'youtube'): FetchedMention {
  const invalid = (why: string) => new InvalidRecordError(`YouTube comment thread skipped: ${why}`, sourceId);
  if (!isObject(thread) || typeof thread.id !== 'string' || thread.id === '') throw invalid('no "id"');
  const id = thread.id;
  const snippet = thread.snippet;
  if (!isObject(snippet) || !isObject(snippet.topLevelComment))
    throw invalid(`no top-level comment on ${id}`);
  const comment = snippet.topLevelComment.snippet;
  if (!isObject(comment)) throw invalid(`no comment snippet on ${id}`);
  const text =
    typeof comment.textOriginal === 'string'
      ? comment.textOriginal
      : typeof comment.textDisplay === 'string'
        ? comment.textDisplay
        : undefined;
  if (text === undefined) throw invalid(`no comment text on ${id}`);
  const publishedAt = typeof comment.publishedAt === 'string' ? Date.parse(comment.publishedAt) : NaN;
  if (!Number.isFinite(publishedAt)) throw invalid(`no valid publishedAt on ${id}`);
  const videoId = typeof snippet.videoId === 'string' ? snippet.videoId : comment.videoId;
  const channelId = typeof snippet.channelId === 'string' ? snippet.channelId : comment.channelId;
  let url: string;
  if (typeof videoId === 'string' && videoId !== '')
    url = `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}&lc=${encodeURIComponent(id)}`;
  else if (typeof channelId === 'string' && channelId !== '')
    // A thread on the channel itself (no video): link the channel with the comment highlighted.
    url = `https://www.youtube.com/channel/${encodeURIComponent(channelId)}?lc=${encodeURIComponent(id)}`;
  else throw invalid(`no videoId or channelId on ${id}`);
  const channel = isObject(comment.authorChannelId) ? comment.authorChannelId.value : undefined;
  const author =
    typeof comment.authorDisplayName === 'string' && comment.authorDisplayName !== ''
      ? comment.authorDisplayName
      : typeof channel === 'string'
        ? channel
        : '';
  return {
    source: 'youtube',
    native_id: id,
    kind: 'comment',
    url,
    author,
    text,
    published_at: publishedAt,
    engagement: {
      likes: count(comment.likeCount),
      shares: 0,
      replies: count(snippet.totalReplyCount),
      score: 0,
    },
  };
}

/** Normalizes a page of threads; malformed ones are skipped and counted. */
export function normalizeThreads(items: unknown[], sourceId?: string): ParsedBody {
  const mentions: FetchedMention[] = [];
  let skippedInvalid = 0;
  for (const item of items) {
    try {
      mentions.push(normalizeThread(item, sourceId));
    } catch (error) {
      if (!(error instanceof InvalidRecordError)) throw error;
      skippedInvalid += 1;
    }
  }
  return { mentions, skippedInvalid };
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
