/**
 * Evidence for an alert or a report: the most relevant negative mentions of a brand in a time window, each
 * once in its latest stored state (`mentions FINAL`).
 */
import type { MentionKind } from '../core/mention.js';
import type { Store } from './client.js';
import { mentionExcerpt } from './mention-fields.js';
import { resultObjects } from './query.js';
import { runReadQuery, toCount, type ReadQuery } from './read-query.js';
import { TABLES } from './schema.js';

/** Options of `topNegativeMentionsQuery`. */
export interface TopMentionsOptions {
  brand: string;
  /** Published in [from, to), epoch milliseconds. */
  from: number;
  to: number;
  /** At most this many mentions (1–1000). @default 10 */
  limit?: number;
  /** Only mentions of this configured source. */
  sourceId?: string;
  /** Only mentions in which this aspect has negative sentiment (an aspect alert's evidence). */
  aspect?: string;
  /** Longest text returned, in characters; longer texts are cut and flagged `truncated`. @default 500 */
  maxTextChars?: number;
}

/** A negative mention as evidence: where it is, what it says, how negative and how visible it is. */
export interface EvidenceMention {
  source: string;
  sourceId: string;
  nativeId: string;
  kind: MentionKind;
  url: string;
  author: string;
  title: string | null;
  /** The text, cut to `maxTextChars` characters (untrusted, verbatim otherwise). */
  text: string;
  /** The stored text is longer than `text`. */
  truncated: boolean;
  /** Epoch milliseconds. */
  publishedAt: number;
  /** In [-1, 0). */
  sentiment: number;
  confidence: number;
  /** likes + shares + replies at the last fetch. */
  engagement: number;
  /** The source's own net score (Reddit score, HN points), else 0. */
  engagementScore: number;
  /** Near-duplicate story the mention belongs to (syndicated copies share it). */
  storyId: string;
}

// Relevance: most engagement first (what most people saw), then the source's score, then the most negative;
// the rest only makes the order total.
const TOP_NEGATIVE_SQL = `
  SELECT source, source_id, native_id, kind, url, author, title,
         substringUTF8(text, 1, {max_chars:UInt32}) AS excerpt,
         lengthUTF8(text) > {max_chars:UInt32} AS truncated,
         published_at,
         sentiment, confidence,
         toUInt64(likes) + shares + replies AS engagement,
         engagement_score, story_id
  FROM ${TABLES.mentions} FINAL
  WHERE brand = {brand:String}
    AND label = 'negative'
    AND published_at >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')
    AND published_at < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
    AND ({source_id:String} = '' OR source_id = {source_id:String})
    AND ({aspect:String} = '' OR arrayExists(a -> tupleElement(a, 'aspect') = {aspect:String} AND tupleElement(a, 'sentiment') < 0, aspects))
  ORDER BY engagement DESC, engagement_score DESC, sentiment ASC, published_at DESC, source_id, native_id
  LIMIT {limit:UInt32}`;

/**
 * The evidence read: up to `limit` negative mentions of `brand` published in [from, to), most relevant first
 * (engagement, then the source's score, then the most negative sentiment).
 */
export function topNegativeMentionsQuery(options: TopMentionsOptions): ReadQuery<EvidenceMention[]> {
  const clamp = (n: number | undefined, fallback: number, max: number): number =>
    Math.min(max, Math.max(1, Math.floor(Number.isFinite(n) ? (n as number) : fallback)));
  return {
    name: `negative mentions of ${options.brand}`,
    sql: TOP_NEGATIVE_SQL,
    params: {
      brand: options.brand,
      from: Math.floor(options.from),
      to: Math.floor(options.to),
      source_id: options.sourceId ?? '',
      aspect: options.aspect ?? '',
      limit: clamp(options.limit, 10, 1000),
      max_chars: clamp(options.maxTextChars, 500, 1_000_000),
    },
    decode: (result) =>
      resultObjects(result).map((r) => ({
        ...mentionExcerpt(r),
        confidence: Number(r.confidence),
        engagement: toCount(r.engagement),
        engagementScore: Number(r.engagement_score),
        storyId: String(r.story_id),
      })),
  };
}

/** The brand's most relevant negative mentions in a window (see `topNegativeMentionsQuery`). */
export async function topNegativeMentions(
  store: Store,
  options: TopMentionsOptions,
): Promise<EvidenceMention[]> {
  return runReadQuery(store, topNegativeMentionsQuery(options));
}
