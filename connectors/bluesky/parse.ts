/**
 * Normalizes Bluesky `app.bsky.feed.searchPosts` responses (`{ posts: PostView[], cursor? }`) into
 * `FetchedMention`s. Pure: no network, used by the connector and by `earshot connectors parse`.
 */
import type { ParsedBody } from '../../core/connector.js';
import { InvalidRecordError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { describeBody as preview } from '../http.js';

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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Parses a JSON body as a searchPosts envelope; returns undefined when it is not one. */
export function readSearchPostsBody(body: string): SearchPostsBody | undefined {
  try {
    return toSearchPostsBody(JSON.parse(body));
  } catch {
    return undefined;
  }
}

/** Reads an already parsed searchPosts response; undefined when it is not one. */
export function toSearchPostsBody(json: unknown): SearchPostsBody | undefined {
  if (!isObject(json) || !Array.isArray(json.posts)) return undefined;
  return { posts: json.posts, cursor: typeof json.cursor === 'string' ? json.cursor : undefined };
}

/**
 * Normalizes one PostView.
 * @throws InvalidRecordError when the uri, author handle, text or creation time is missing or malformed.
 */
export function normalizePost(post: unknown, sourceId = 'bluesky'): NormalizedPost {
  const invalid = (why: string) => new InvalidRecordError(`Bluesky post skipped: ${why}`, sourceId);
  if (!isObject(post) || typeof post.uri !== 'string') throw invalid('no "uri"');
  const match = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/?#]+)$/.exec(post.uri);
  if (!match) throw invalid(`"uri" ${post.uri} is not an app.bsky.feed.post record`);
  const author = post.author;
  if (!isObject(author) || typeof author.handle !== 'string' || author.handle === '')
    throw invalid(`no author handle on ${post.uri}`);
  const record = post.record;
  if (!isObject(record) || typeof record.text !== 'string') throw invalid(`no record text on ${post.uri}`);
  const createdAt = typeof record.createdAt === 'string' ? Date.parse(record.createdAt) : NaN;
  if (!Number.isFinite(createdAt)) throw invalid(`no valid record.createdAt on ${post.uri}`);
  const indexedAt = typeof post.indexedAt === 'string' ? Date.parse(post.indexedAt) : NaN;
  const langs = Array.isArray(record.langs)
    ? record.langs.filter((l): l is string => typeof l === 'string')
    : [];
  const lang = langs[0]?.split('-')[0]?.toLowerCase();
  const mention: FetchedMention = {
    source: 'bluesky',
    native_id: post.uri,
    kind: isObject(record.reply) ? 'comment' : 'post',
    url: `https://bsky.app/profile/${author.handle}/post/${match[2]}`,
    author: author.handle,
    text: record.text,
    published_at: createdAt,
    engagement: {
      likes: count(post.likeCount),
      // Quotes re-share the post to the quoter's followers, so they count as shares.
      shares: count(post.repostCount) + count(post.quoteCount),
      replies: count(post.replyCount),
      score: 0,
    },
  };
  if (lang) mention.lang_hint = lang;
  return { mention, sortAt: Number.isFinite(indexedAt) ? Math.min(createdAt, indexedAt) : createdAt };
}

/** Normalizes every post of a page; malformed posts are skipped and counted. */
export function normalizePosts(
  posts: unknown[],
  sourceId?: string,
): { posts: NormalizedPost[]; skipped: number } {
  const out: NormalizedPost[] = [];
  let skipped = 0;
  for (const post of posts) {
    try {
      out.push(normalizePost(post, sourceId));
    } catch (error) {
      if (!(error instanceof InvalidRecordError)) throw error;
      skipped += 1;
    }
  }
  return { posts: out, skipped };
}

/**
 * `ConnectorDefinition.parse` for Bluesky: normalizes a searchPosts body.
 * @throws InvalidRecordError when the body is not a searchPosts response (an XRPC error, HTML, garbage).
 */
export function parseBlueskyBody(body: string, sourceId = 'bluesky'): ParsedBody {
  const envelope = readSearchPostsBody(body);
  if (!envelope)
    throw new InvalidRecordError(
      `not an app.bsky.feed.searchPosts response (expected {"posts": [...]}; got ${preview(body)})`,
      sourceId,
    );
  const { posts, skipped } = normalizePosts(envelope.posts, sourceId);
  return { mentions: posts.map((p) => p.mention), skippedInvalid: skipped };
}
