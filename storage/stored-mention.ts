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
export function toStoredMention(v: unknown[]): StoredMention {
  // One literal, one object shape: building it key by key from the column list cost ~3 µs a row.
  return {
    source: v[0],
    source_id: v[1],
    native_id: v[2],
    brand: v[3],
    kind: v[4],
    url: v[5],
    author: v[6],
    author_followers: v[7],
    title: v[8],
    text: v[9],
    lang: v[10],
    published_at: v[11],
    fetched_at: v[12],
    likes: v[13],
    shares: v[14],
    replies: v[15],
    engagement_score: v[16],
    rating: v[17],
    rating_scale: v[18],
    sentiment: v[19],
    label: v[20],
    confidence: v[21],
    aspects: v[22],
    scorer_version: v[23],
    story_id: v[24],
    in_reply_to: v[25],
    thread_id: v[26],
    reply_key: v[27],
    from_brand: v[28],
    state_hash: v[29],
    version: v[30],
  } as StoredMention;
}

/** A stored row back to the `Mention` contract (optional fields omitted when NULL). */
export function toMention(r: StoredMention): Mention {
  // Optional fields assigned when set, not spread in (six spreads cost ~2 µs a row when rescoring).
  const m: Mention = {
    source: r.source,
    source_id: r.source_id,
    native_id: r.native_id,
    brand: r.brand,
    kind: r.kind,
    url: r.url,
    author: r.author,
    text: r.text,
    lang: r.lang,
    published_at: fromDateTime64(r.published_at),
    fetched_at: fromDateTime64(r.fetched_at),
    engagement: { likes: r.likes, shares: r.shares, replies: r.replies, score: r.engagement_score },
    sentiment: r.sentiment,
    label: r.label,
    confidence: r.confidence,
    aspects: r.aspects,
    scorer_version: r.scorer_version,
    story_id: r.story_id,
  };
  if (r.author_followers !== null) m.author_followers = r.author_followers;
  if (r.title !== null) m.title = r.title;
  if (r.rating !== null && r.rating_scale !== null) m.rating = { value: r.rating, scale: r.rating_scale };
  if (r.in_reply_to) m.in_reply_to = r.in_reply_to;
  if (r.thread_id) m.thread_id = r.thread_id;
  if (r.reply_key) m.reply_key = r.reply_key;
  if (Number(r.from_brand) === 1) m.from_brand = true;
  return m;
}
