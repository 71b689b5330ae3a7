/**
 * The mention list behind a chart point (the web view's drill-down) and a report's top mentions: the mentions
 * of a brand in a window, each once in its latest state (`mentions FINAL`), filtered by label, aspect, source
 * or kind, newest first or most engaging first.
 */
import type { MentionKind } from '../core/mention.js';
import { mentionExcerpt } from './mention-fields.js';
import { resultObjects } from './query.js';
import { toCount, type ReadQuery } from './read-query.js';
import { TABLES } from './schema.js';

/** Which mentions, and in which order. */
export interface MentionListOptions {
  brand: string;
  /** Published in [from, to), epoch milliseconds. */
  from: number;
  to: number;
  /** Only this sentiment label (negative, neutral, positive, unscored). */
  label?: string;
  /** Only mentions in which this aspect occurs (with any sentiment). */
  aspect?: string;
  /** Only this configured source. */
  sourceId?: string;
  /** Only this kind (post, comment, review, article). */
  kind?: string;
  /** `recent`: newest first. `engagement`: most likes + shares + replies first. @default 'recent' */
  order?: 'recent' | 'engagement';
  /** 1–500. @default 50 */
  limit?: number;
  /** Rows skipped first (paging). @default 0 */
  offset?: number;
  /** Longest text returned, in characters; longer texts are cut and flagged. @default 1000 */
  maxTextChars?: number;
}

/** One listed mention; every text field is untrusted and verbatim. */
export interface ListedMention {
  source: string;
  sourceId: string;
  nativeId: string;
  kind: MentionKind;
  url: string;
  author: string;
  title: string | null;
  text: string;
  truncated: boolean;
  publishedAt: number;
  sentiment: number;
  label: string;
  engagement: number;
  rating: number | null;
  ratingScale: number | null;
  aspects: Array<{ aspect: string; sentiment: number }>;
}

const FILTERS = `brand = {brand:String}
    AND published_at >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')
    AND published_at < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
    AND ({label:String} = '' OR label = {label:String})
    AND ({source_id:String} = '' OR source_id = {source_id:String})
    AND ({kind:String} = '' OR kind = {kind:String})
    AND ({aspect:String} = '' OR arrayExists(a -> tupleElement(a, 'aspect') = {aspect:String}, aspects))`;

const listSql = (orderBy: string): string => `
  SELECT source, source_id, native_id, kind, url, author, title,
         substringUTF8(text, 1, {max_chars:UInt32}) AS excerpt,
         lengthUTF8(text) > {max_chars:UInt32} AS truncated,
         published_at, sentiment, label,
         toUInt64(likes) + shares + replies AS engagement,
         rating, rating_scale, aspects
  FROM ${TABLES.mentions} FINAL
  WHERE ${FILTERS}
  ORDER BY ${orderBy}
  LIMIT {limit:UInt32} OFFSET {offset:UInt32}`;

const RECENT_SQL = listSql('published_at DESC, source_id, native_id');
const ENGAGEMENT_SQL = listSql('engagement DESC, published_at DESC, source_id, native_id');

const COUNT_SQL = `SELECT count() AS n FROM ${TABLES.mentions} FINAL WHERE ${FILTERS}`;

function params(o: MentionListOptions): Record<string, unknown> {
  const int = (n: number | undefined, fallback: number, min: number, max: number): number =>
    Math.min(max, Math.max(min, Math.floor(Number.isFinite(n) ? (n as number) : fallback)));
  return {
    brand: o.brand,
    from: Math.floor(o.from),
    to: Math.floor(o.to),
    label: o.label ?? '',
    source_id: o.sourceId ?? '',
    kind: o.kind ?? '',
    aspect: o.aspect ?? '',
    limit: int(o.limit, 50, 1, 500),
    offset: int(o.offset, 0, 0, 1_000_000),
    max_chars: int(o.maxTextChars, 1000, 1, 1_000_000),
  };
}

const optionalNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The list read (see `MentionListOptions`). */
export function mentionListQuery(options: MentionListOptions): ReadQuery<ListedMention[]> {
  return {
    name: `mention list of ${options.brand}`,
    sql: options.order === 'engagement' ? ENGAGEMENT_SQL : RECENT_SQL,
    params: params(options),
    decode: (result) =>
      resultObjects(result).map((r) => ({
        ...mentionExcerpt(r),
        label: String(r.label),
        engagement: toCount(r.engagement),
        rating: optionalNumber(r.rating),
        ratingScale: optionalNumber(r.rating_scale),
        aspects: (Array.isArray(r.aspects) ? r.aspects : []).map((a: unknown) => {
          const [aspect, sentiment] = Array.isArray(a)
            ? a
            : [(a as { aspect?: unknown }).aspect, (a as { sentiment?: unknown }).sentiment];
          return { aspect: String(aspect), sentiment: Number(sentiment) };
        }),
      })),
  };
}

/** How many mentions match the list's filters (for paging). */
export function mentionCountQuery(options: MentionListOptions): ReadQuery<number> {
  return {
    name: `mention count of ${options.brand}`,
    sql: COUNT_SQL,
    params: params(options),
    decode: (result) => toCount(result.rows[0]?.[0]),
  };
}
