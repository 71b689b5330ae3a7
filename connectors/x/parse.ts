/**
 * Normalizes X API v2 recent-search responses (`{ data: Post[], includes: { users }, meta }`) into
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
import { decodeEntities } from '../shared/text.js';

/** X snowflake ids carry their creation time: milliseconds since this epoch, above bit 22. */
const SNOWFLAKE_EPOCH_MS = 1_288_834_974_657n;

/** The creation time (epoch ms) encoded in a post id. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + SNOWFLAKE_EPOCH_MS);
}

/** The smallest post id created at or after `ms` (for comparing a time with ids). */
export function snowflakeAt(ms: number): string {
  return ((BigInt(Math.max(0, Math.floor(ms))) - SNOWFLAKE_EPOCH_MS) << 22n).toString();
}

/** A normalized post plus its id, which `since_id` pages by. */
export interface NormalizedPost {
  mention: FetchedMention;
  id: string;
}

const UserSchema = z.object({
  id: field.nonEmpty,
  username: field.nonEmpty,
  public_metrics: field.maybeObject,
});

const EnvelopeSchema = z.object({
  // An empty result has no `data`, only `meta.result_count: 0`.
  data: field.list,
  includes: z.object({ users: field.list }).partial().optional(),
  meta: z.object({ next_token: field.pageToken, result_count: field.maybeNumber }),
});

/** The parts of a recent-search response the connector reads. */
export interface SearchBody {
  posts: unknown[];
  /** Users of `expansions=author_id`, by id. */
  users: ReadonlyMap<string, z.output<typeof UserSchema>>;
  next?: string;
}

/** Reads an already parsed recent-search response; undefined when it is not one (an error body). */
export function toSearchBody(json: unknown): SearchBody | undefined {
  const result = EnvelopeSchema.safeParse(json);
  if (!result.success) return undefined;
  const users = new Map<string, z.output<typeof UserSchema>>();
  for (const raw of result.data.includes?.users ?? []) {
    const user = UserSchema.safeParse(raw);
    if (user.success) users.set(user.data.id, user.data);
  }
  return { posts: result.data.data, users, next: result.data.meta.next_token };
}

const ReferenceSchema = z.object({ type: z.string(), id: z.string() });

const PostSchema = z.object({
  id: z.string().regex(/^\d{1,20}$/, 'not a numeric post id'),
  text: z.string(),
  // Only with `tweet.fields`; the id's snowflake time stands in when it is absent (default fields).
  created_at: field.date.optional(),
  ...fieldsOf(field.maybeText, 'author_id', 'lang', 'conversation_id', 'in_reply_to_user_id'),
  referenced_tweets: field.list,
  public_metrics: field.maybeObject,
});

const WHAT = 'X post';
const count = (metrics: Record<string, unknown> | undefined, key: string): number => {
  const v = metrics?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};

/**
 * Normalizes one post. `users` resolves `author_id` to a username (from `includes.users`); without it the
 * author is the numeric id and the URL the id-only form, both still valid links.
 * @throws InvalidRecordError when the id or text is missing or malformed.
 */
export function normalizePost(
  raw: unknown,
  context: { users: SearchBody['users']; sourceId: string },
): NormalizedPost {
  const post = readRecord(PostSchema, raw, WHAT, context.sourceId);
  const user = post.author_id ? context.users.get(post.author_id) : undefined;
  const refs = post.referenced_tweets.flatMap((r) => {
    const ref = ReferenceSchema.safeParse(r);
    return ref.success ? [ref.data] : [];
  });
  const repliedTo = refs.find((r) => r.type === 'replied_to')?.id;
  const m = post.public_metrics;
  const mention: FetchedMention = {
    source: 'x',
    native_id: post.id,
    kind: repliedTo ? 'comment' : 'post',
    url: user ? `https://x.com/${user.username}/status/${post.id}` : `https://x.com/i/web/status/${post.id}`,
    author: user?.username ?? post.author_id ?? '',
    // X escapes &, < and > in post text as HTML entities.
    text: decodeEntities(post.text),
    published_at: post.created_at ?? snowflakeTime(post.id),
    engagement: engagement(
      count(m, 'like_count'),
      count(m, 'retweet_count') + count(m, 'quote_count'),
      count(m, 'reply_count'),
    ),
  };
  const followers = count(user?.public_metrics, 'followers_count');
  if (user?.public_metrics) mention.author_followers = followers;
  // `und` (undetermined), `zxx` (no text), `qme`/`qht`… (media, hashtags only) are not languages.
  if (post.lang && /^[a-z]{2}$/.test(post.lang)) mention.lang_hint = post.lang;
  if (repliedTo) mention.in_reply_to = repliedTo;
  if (post.conversation_id) mention.thread_id = post.conversation_id;
  return { mention, id: post.id };
}

/** Normalizes every post of a recent-search response. */
export function normalizeSearchBody(body: SearchBody, sourceId: string) {
  return normalizeAll(body.posts, normalizePost, { users: body.users, sourceId });
}

/**
 * `ConnectorDefinition.parse` for X: normalizes a recent-search response body.
 * @throws InvalidRecordError for any other body (a problem-details error such as a 429, HTML, garbage).
 */
export function parseXBody(body: string, sourceId = 'x'): ParsedBody {
  const expected = 'an X recent-search response (expected {"data": [...], "meta": {...}})';
  const envelope = requireJsonEnvelope(EnvelopeSchema, body, expected, sourceId);
  const { records, skippedInvalid } = normalizeSearchBody(toSearchBody(envelope)!, sourceId);
  return { mentions: records.map((p) => p.mention), skippedInvalid };
}
