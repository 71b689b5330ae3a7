/**
 * Reads stored mentions back for rescoring: those whose `scorer_version` differs from the current
 * scorer, in key order, so a rescoring run can resume after the last key it finished.
 */
import type { AspectScore, Mention, MentionKind, SentimentLabel } from '../core/mention.js';
import type { Store } from './client.js';
import { fromDateTime64 } from './datetime.js';

interface MentionRow {
  source: string;
  source_id: string;
  native_id: string;
  brand: string;
  kind: string;
  url: string;
  author: string;
  author_followers: number | null;
  title: string | null;
  text: string;
  lang: string;
  published_at: string;
  fetched_at: string;
  likes: number;
  shares: number;
  replies: number;
  engagement_score: number;
  rating: number | null;
  rating_scale: number | null;
  sentiment: number;
  label: string;
  confidence: number;
  aspects: AspectScore[];
  scorer_version: string;
  story_id: string;
}

/** Counts mentions (one per key) scored by a version other than `scorerVersion`. */
export async function countStaleMentions(store: Store, scorerVersion: string): Promise<number> {
  const rs = await store.client.query({
    query: `SELECT count() AS n FROM ${store.table('mentions')} FINAL WHERE scorer_version != {version:String}`,
    query_params: { version: scorerVersion },
    format: 'JSONEachRow',
  });
  const [row] = await rs.json<{ n: number | string }>();
  return Number(row?.n ?? 0);
}

/**
 * Up to `limit` stale mentions after position `after` (an opaque string returned as `last`), in key order.
 */
export async function selectStaleMentions(
  store: Store,
  scorerVersion: string,
  after: string | undefined,
  limit: number,
): Promise<{ mentions: Mention[]; last?: string }> {
  const [brand, sourceId, nativeId] = after ? (JSON.parse(after) as [string, string, string]) : ['', '', ''];
  const rs = await store.client.query({
    query: `
      SELECT source, source_id, native_id, brand, kind, url, author, author_followers, title, text, lang,
             published_at, fetched_at, likes, shares, replies, engagement_score, rating, rating_scale,
             sentiment, label, confidence, aspects, scorer_version, story_id
      FROM ${store.table('mentions')} FINAL
      WHERE scorer_version != {version:String}
        AND (brand, source_id, native_id) > ({brand:String}, {sourceId:String}, {nativeId:String})
      ORDER BY brand, source_id, native_id
      LIMIT {limit:UInt32}`,
    query_params: { version: scorerVersion, brand, sourceId, nativeId, limit },
    format: 'JSONEachRow',
  });
  const rows = await rs.json<MentionRow>();
  const mentions = rows.map(toMention);
  const lastRow = rows.at(-1);
  return {
    mentions,
    last: lastRow ? JSON.stringify([lastRow.brand, lastRow.source_id, lastRow.native_id]) : undefined,
  };
}

function toMention(row: MentionRow): Mention {
  return {
    source: row.source,
    source_id: row.source_id,
    native_id: row.native_id,
    brand: row.brand,
    kind: row.kind as MentionKind,
    url: row.url,
    author: row.author,
    ...(row.author_followers === null ? {} : { author_followers: Number(row.author_followers) }),
    ...(row.title === null ? {} : { title: row.title }),
    text: row.text,
    lang: row.lang,
    published_at: fromDateTime64(row.published_at),
    fetched_at: fromDateTime64(row.fetched_at),
    engagement: {
      likes: Number(row.likes),
      shares: Number(row.shares),
      replies: Number(row.replies),
      score: Number(row.engagement_score),
    },
    ...(row.rating === null || row.rating_scale === null
      ? {}
      : { rating: { value: Number(row.rating), scale: Number(row.rating_scale) } }),
    sentiment: Number(row.sentiment),
    label: row.label as SentimentLabel,
    confidence: Number(row.confidence),
    aspects: row.aspects.map((a) => ({ aspect: a.aspect, sentiment: Number(a.sentiment) })),
    scorer_version: row.scorer_version,
    story_id: row.story_id,
  };
}
