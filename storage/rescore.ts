/** Reads for rescoring: stored mentions whose scorer_version is not the current engine's. */
import type { Mention, MentionKind, SentimentLabel } from '../core/mention.js';
import type { Store } from './client.js';
import { fromDateTime64 } from './datetime.js';
import { internals } from './internals.js';
import type { MentionRow } from './mention-row.js';
import { runReadQuery, toCount, type ReadQuery } from './read-query.js';
import { TABLES } from './schema.js';
import { StorageError } from '../core/errors.js';

/** A page of stale mentions in key order, with the opaque position of the last one. */
export interface StaleMentionsPage {
  mentions: Mention[];
  /** Opaque position of the last mention returned, to resume after it; absent for an empty page. */
  last?: string;
}

/**
 * The stale count read: how many stored mention rows (latest versions) were scored by another scorer version
 * than `scorerVersion`. Used by the rescore workflow (`countStaleMentions`) and by `earshot rescore`, which may
 * run it through the SQL endpoint of a running `earshot up`.
 */
export function staleMentionCountQuery(scorerVersion: string): ReadQuery<number> {
  return {
    name: 'stale mention count',
    sql: `SELECT count() AS n FROM ${TABLES.mentions} FINAL WHERE scorer_version != {version:String}`,
    params: { version: scorerVersion },
    decode: (result) => toCount(result.rows[0]?.[0]),
  };
}

/** Number of stored mention rows not scored by `scorerVersion` (see `staleMentionCountQuery`). */
export async function countStaleMentions(store: Store, scorerVersion: string): Promise<number> {
  return runReadQuery(store, staleMentionCountQuery(scorerVersion));
}

/** A stored row as read back: the writer's `MentionRow` without its change-detection hash. */
type StoredMention = Omit<MentionRow, 'state_hash' | 'kind' | 'label'> & {
  kind: MentionKind;
  label: SentimentLabel;
};

/**
 * Up to `limit` stale mentions after position `after` (from a previous page's `last`), ordered by
 * (brand, source_id, native_id). Throws `StorageError` for a malformed `after`.
 */
export async function selectStaleMentions(
  store: Store,
  scorerVersion: string,
  after: string | undefined,
  limit: number,
): Promise<StaleMentionsPage> {
  let key: [string, string, string] = ['', '', ''];
  if (after !== undefined) {
    const parsed: unknown = JSON.parse(after);
    if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((p) => typeof p === 'string')) {
      throw new StorageError(`Invalid rescoring position ${JSON.stringify(after)}.`);
    }
    key = parsed as [string, string, string];
  }
  const { client, table } = internals(store);
  const rs = await client.query({
    query: `
      SELECT source, source_id, native_id, brand, kind, url, author, author_followers, title, text, lang,
             published_at, fetched_at, likes, shares, replies, engagement_score, rating, rating_scale,
             sentiment, label, confidence, aspects, scorer_version, story_id,
             in_reply_to, thread_id, reply_key, from_brand
      FROM ${table('mentions')} FINAL
      WHERE scorer_version != {v:String}
        AND (brand, source_id, native_id) > ({b:String}, {s:String}, {n:String})
      ORDER BY brand, source_id, native_id
      LIMIT {limit:UInt32}`,
    query_params: {
      v: scorerVersion,
      b: key[0],
      s: key[1],
      n: key[2],
      limit: Math.max(0, Math.floor(limit)),
    },
    format: 'JSONEachRow',
  });
  const mentions = (await rs.json<StoredMention>()).map(toMention);
  const lastMention = mentions.at(-1);
  return {
    mentions,
    last: lastMention
      ? JSON.stringify([lastMention.brand, lastMention.source_id, lastMention.native_id])
      : undefined,
  };
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
