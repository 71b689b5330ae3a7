/**
 * The fields every mention-listing read (evidence, the web view's mention list) decodes the same way: where
 * the mention is, who wrote it, its excerpt and its sentiment. The SQL selects them under these names.
 */
import type { MentionKind } from '../core/mention.js';
import { fromDateTime64 } from './datetime.js';

/** A listed mention's identity, excerpt and sentiment. */
export interface MentionExcerpt {
  source: string;
  sourceId: string;
  nativeId: string;
  kind: MentionKind;
  url: string;
  author: string;
  title: string | null;
  /** The text, cut to the read's character limit (`truncated` says whether it was). */
  text: string;
  truncated: boolean;
  publishedAt: number;
  sentiment: number;
}

/** Decodes the columns source, source_id, native_id, kind, url, author, title, excerpt, truncated, published_at, sentiment. */
export function mentionExcerpt(r: Record<string, unknown>): MentionExcerpt {
  return {
    source: String(r.source),
    sourceId: String(r.source_id),
    nativeId: String(r.native_id),
    kind: String(r.kind) as MentionKind,
    url: String(r.url),
    author: String(r.author),
    title: r.title === null ? null : String(r.title),
    text: String(r.excerpt),
    truncated: Boolean(r.truncated),
    publishedAt: fromDateTime64(String(r.published_at)),
    sentiment: Number(r.sentiment),
  };
}
