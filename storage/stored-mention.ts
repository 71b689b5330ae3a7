/** A `mentions` row as storage reads it back, and back to the `Mention` contract. */
import type { Mention, MentionKind, SentimentLabel } from '../core/mention.js';
import { fromDateTime64 } from './datetime.js';
import type { MentionRow } from './mention-row.js';

/** A stored row as read back: the writer's `MentionRow` and the row's version (a 64-bit number, quoted). */
export type StoredMention = Omit<MentionRow, 'kind' | 'label'> & {
  kind: MentionKind;
  label: SentimentLabel;
  version: string;
};

/** Every column of a stored mention row but the bookkeeping ones, in the order `toStoredMention` reads. */
export const STORED_MENTION_COLUMNS = [
  'source',
  'source_id',
  'native_id',
  'brand',
  'kind',
  'url',
  'author',
  'author_followers',
  'title',
  'text',
  'lang',
  'published_at',
  'fetched_at',
  'likes',
  'shares',
  'replies',
  'engagement_score',
  'rating',
  'rating_scale',
  'sentiment',
  'label',
  'confidence',
  'aspects',
  'scorer_version',
  'story_id',
  'in_reply_to',
  'thread_id',
  'reply_key',
  'from_brand',
  'state_hash',
  'version',
] as const satisfies readonly (keyof StoredMention)[];

/** A row read as `JSONCompactEachRow` of `STORED_MENTION_COLUMNS`. */
export function toStoredMention(values: unknown[]): StoredMention {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < STORED_MENTION_COLUMNS.length; i++) row[STORED_MENTION_COLUMNS[i]!] = values[i];
  return row as StoredMention;
}

/** A stored row back to the `Mention` contract (optional fields omitted when NULL). */
export function toMention(r: StoredMention): Mention {
  return {
    source: r.source,
    source_id: r.source_id,
    native_id: r.native_id,
    brand: r.brand,
    kind: r.kind,
    url: r.url,
    author: r.author,
    ...(r.author_followers === null ? {} : { author_followers: r.author_followers }),
    ...(r.title === null ? {} : { title: r.title }),
    text: r.text,
    lang: r.lang,
    published_at: fromDateTime64(r.published_at),
    fetched_at: fromDateTime64(r.fetched_at),
    engagement: { likes: r.likes, shares: r.shares, replies: r.replies, score: r.engagement_score },
    ...(r.rating === null || r.rating_scale === null
      ? {}
      : { rating: { value: r.rating, scale: r.rating_scale } }),
    sentiment: r.sentiment,
    label: r.label,
    confidence: r.confidence,
    aspects: r.aspects,
    scorer_version: r.scorer_version,
    story_id: r.story_id,
    ...(r.in_reply_to ? { in_reply_to: r.in_reply_to } : {}),
    ...(r.thread_id ? { thread_id: r.thread_id } : {}),
    ...(r.reply_key ? { reply_key: r.reply_key } : {}),
    ...(Number(r.from_brand) === 1 ? { from_brand: true } : {}),
  };
}
