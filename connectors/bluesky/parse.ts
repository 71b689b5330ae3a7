/**
 * Normalizes Bluesky `app.bsky.feed.searchPosts` responses (`{ posts: PostView[], cursor? }`) into
 * `FetchedMention`s. Pure: no network, used by the connector and by `earshot connectors parse`.
 */
import { z } from 'zod';
import type { ParsedBody } from '../../core/connector.js';
import type { FetchedMention } from '../../core/mention.js';
import {
  engagement,
  field,
  fieldsOf,
  normalizeAll,
  readRecord,
  requireJsonEnvelope,
} from '../shared/records.js';

/** The parts of a searchPosts response the connector reads. */
export interface SearchPostsBody {
  posts: unknown[];
  cursor?: string;
}

/** A normalized post plus the time the AppView sorts it by (`sortAt`), which `since` filters on. */
export interface NormalizedPost {
  mention: FetchedMention;
  /** min(record.createdAt, indexedAt) in epoch ms: the `sortAt` the search index pages by. */
  sortAt: number;
}

const EnvelopeSchema = z.object({ posts: field.records, cursor: field.pageToken });

/** Reads an already parsed searchPosts response; undefined when it is not one. */
export function toSearchPostsBody(json: unknown): SearchPostsBody | undefined {
  const result = EnvelopeSchema.safeParse(json);
  return result.success ? result.data : undefined;
}

const POST_URI = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/?#]+)$/;

/** The fields of a PostView the connector reads. */
const PostSchema = z.object({
  uri: z.string().regex(POST_URI, 'not an app.bsky.feed.post record'),
  author: z.object({ handle: field.nonEmpty }),
  record: z.object({
    text: z.string(),
    createdAt: field.date,
    langs: field.list,
    reply: field.maybeObject,
  }),
  indexedAt: field.date.optional().catch(undefined),
  ...fieldsOf(field.count, 'likeCount', 'repostCount', 'quoteCount', 'replyCount'),
});

/**
 * Normalizes one PostView.
 * @throws InvalidRecordError when the uri, author handle, text or creation time is missing or malformed.
 */
export function normalizePost(raw: unknown, sourceId = 'bluesky'): NormalizedPost {
  const post = readRecord(PostSchema, raw, 'Bluesky post', sourceId);
  const { record } = post;
  const rkey = POST_URI.exec(post.uri)![2];
  const lang = record.langs
    .find((l): l is string => typeof l === 'string')
    ?.split('-')[0]
    ?.toLowerCase();
  const mention: FetchedMention = {
    source: 'bluesky',
    native_id: post.uri,
    kind: record.reply ? 'comment' : 'post',
    url: `https://bsky.app/profile/${post.author.handle}/post/${rkey}`,
    author: post.author.handle,
    text: record.text,
    published_at: record.createdAt,
    // Quotes re-share the post to the quoter's followers, so they count as shares.
    engagement: engagement(post.likeCount, post.repostCount + post.quoteCount, post.replyCount),
  };
  if (lang) mention.lang_hint = lang;
  // A reply names its parent and its thread's root by their at:// URIs (the native ids of those posts).
  const parent = replyRef(record.reply, 'parent');
  if (parent) mention.in_reply_to = parent;
  mention.thread_id = replyRef(record.reply, 'root') ?? post.uri;
  return { mention, sortAt: Math.min(record.createdAt, post.indexedAt ?? Infinity) };
}

/** The `uri` of `record.reply.<which>` (a strong ref), when present. */
function replyRef(reply: Record<string, unknown> | undefined, which: 'parent' | 'root'): string | undefined {
  const ref = reply?.[which];
  const uri = typeof ref === 'object' && ref !== null ? (ref as { uri?: unknown }).uri : undefined;
  return typeof uri === 'string' && uri ? uri : undefined;
}

/**
 * `ConnectorDefinition.parse` for Bluesky: normalizes a searchPosts body.
 * @throws InvalidRecordError when the body is not a searchPosts response (an XRPC error, HTML, garbage).
 */
export function parseBlueskyBody(body: string, sourceId = 'bluesky'): ParsedBody {
  const expected = 'an app.bsky.feed.searchPosts response (expected {"posts": [...]})';
  const { posts } = requireJsonEnvelope(EnvelopeSchema, body, expected, sourceId);
  const { records, skippedInvalid } = normalizeAll(posts, normalizePost, sourceId);
  return { mentions: records.map((p) => p.mention), skippedInvalid };
}
