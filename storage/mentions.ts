/**
 * The mention writer. Idempotent and exact for the aggregates: it reads the stored state of the incoming keys,
 * skips identical records, and writes changed ones together with the state they replace (`prev_*` columns),
 * from which the materialized views emit -1 for the old state and +1 for the new one.
 */
import { createHash } from 'node:crypto';
import type { AspectScore, Mention } from '../core/mention.js';
import type { Store } from './client.js';
import { toDateTime64 } from './datetime.js';
import { InvalidMentionError } from './errors.js';

/** What `upsertMentions` did, in mention rows (one per brand). */
export interface UpsertResult {
  /** Keys stored for the first time. */
  inserted: number;
  /** Keys whose stored state changed (text, engagement, rescoring, …); fetched_at alone is not a change. */
  updated: number;
  /** Keys already stored exactly as given, plus earlier duplicates of a key within the batch (last wins). */
  unchanged: number;
}

interface StoredState {
  brand: string;
  source_id: string;
  native_id: string;
  state_hash: string;
  version: string;
  published_at: string;
  label: string;
  sentiment: number;
  engagement: string;
  rating: number | null;
  rating_scale: number | null;
  aspects: AspectScore[];
}

type Row = ReturnType<typeof toRow>;

const READ_CHUNK = 2_000;
const keyOf = (m: { brand: string; source_id: string; native_id: string }): string =>
  JSON.stringify([m.brand, m.source_id, m.native_id]);

/**
 * Stores mentions idempotently, keyed by (brand, source_id, native_id). Safe to retry: a batch stored twice
 * changes nothing the second time. Writes through one store are serialized (`store.exclusive`), so two
 * concurrent calls cannot both see a key as absent. Across processes the caller must not write the same
 * source_id concurrently (one ingest workflow per source guarantees it).
 *
 * Strings are stored as UTF-8; lone UTF-16 surrogates (not encodable) become U+FFFD.
 * Throws `InvalidMentionError` for a record with a non-finite number or a date outside 1900–2299, and
 * `StorageError`s from the client when ClickHouse fails (nothing is half-written by a failed insert statement).
 */
export async function upsertMentions(store: Store, mentions: readonly Mention[]): Promise<UpsertResult> {
  const latest = new Map<string, Row>();
  for (const mention of mentions) latest.set(keyOf(mention), toRow(mention));
  const result: UpsertResult = { inserted: 0, updated: 0, unchanged: mentions.length - latest.size };
  if (latest.size === 0) return result;

  return store.exclusive(async () => {
    const stored = await readStoredState(store, [...latest.values()]);
    const now = Date.now();
    const values: object[] = [];
    for (const [key, row] of latest) {
      const prev = stored.get(key);
      if (prev?.state_hash === row.state_hash) {
        result.unchanged++;
        continue;
      }
      if (prev) result.updated++;
      else result.inserted++;
      values.push({
        ...row,
        version: Math.max(now, prev ? Number(prev.version) + 1 : 0),
        ingested_at: toDateTime64(now),
        prev_exists: prev ? 1 : 0,
        prev_published_at: prev?.published_at ?? toDateTime64(0),
        prev_label: prev?.label ?? '',
        prev_sentiment: prev?.sentiment ?? 0,
        prev_engagement: prev ? Number(prev.engagement) : 0,
        prev_rating: prev?.rating ?? null,
        prev_rating_scale: prev?.rating_scale ?? null,
        prev_aspects: prev?.aspects ?? [],
      });
    }
    if (values.length > 0) {
      await store.client.insert({ table: store.table('mentions'), values, format: 'JSONEachRow' });
    }
    store.logger.debug({ ...result }, 'upserted mentions');
    return result;
  });
}

async function readStoredState(store: Store, rows: Row[]): Promise<Map<string, StoredState>> {
  const found = new Map<string, StoredState>();
  for (let i = 0; i < rows.length; i += READ_CHUNK) {
    const chunk = rows.slice(i, i + READ_CHUNK);
    const distinct = (pick: (r: Row) => string): string[] => [...new Set(chunk.map(pick))];
    const rs = await store.client.query({
      query: `
        SELECT brand, source_id, native_id, state_hash, version, published_at, label, sentiment,
               toUInt64(likes) + shares + replies AS engagement, rating, rating_scale, aspects
        FROM ${store.table('mentions')} FINAL
        WHERE brand IN {brands:Array(String)} AND source_id IN {source_ids:Array(String)}
          AND native_id IN {native_ids:Array(String)}`,
      query_params: {
        brands: distinct((r) => r.brand),
        source_ids: distinct((r) => r.source_id),
        native_ids: distinct((r) => r.native_id),
      },
      format: 'JSONEachRow',
    });
    for (const state of await rs.json<StoredState>()) found.set(keyOf(state), state);
  }
  return found;
}

// String.prototype.toWellFormed (ES2024) without the lib bump: lone surrogates cannot be encoded as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const text = (value: string): string => value.replace(LONE_SURROGATE, '\uFFFD');

function finite(value: number, field: string, m: Mention): number {
  if (!Number.isFinite(value)) {
    throw new InvalidMentionError(
      `Mention ${m.source_id}/${m.native_id} (brand ${m.brand}): ${field} must be a finite number, got ${value}`,
    );
  }
  return value;
}

const clampInt = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, Math.round(value)));

/** The stored columns of a mention, normalized exactly as ClickHouse will hold them, plus their hash. */
function toRow(m: Mention) {
  const u32 = (value: number, field: string): number => clampInt(finite(value, field, m), 0, 0xffff_ffff);
  const f32 = (value: number, field: string): number => Math.fround(finite(value, field, m));
  const state = {
    source: text(m.source),
    source_id: text(m.source_id),
    native_id: text(m.native_id),
    brand: text(m.brand),
    kind: text(m.kind),
    url: text(m.url),
    author: text(m.author),
    author_followers: m.author_followers === undefined ? null : u32(m.author_followers, 'author_followers'),
    title: m.title === undefined ? null : text(m.title),
    text: text(m.text),
    lang: text(m.lang),
    published_at: toDateTime64(m.published_at, `published_at of ${m.source_id}/${m.native_id}`),
    likes: u32(m.engagement.likes, 'engagement.likes'),
    shares: u32(m.engagement.shares, 'engagement.shares'),
    replies: u32(m.engagement.replies, 'engagement.replies'),
    engagement_score: clampInt(finite(m.engagement.score, 'engagement.score', m), -0x8000_0000, 0x7fff_ffff),
    rating: m.rating ? f32(m.rating.value, 'rating.value') : null,
    rating_scale: m.rating ? f32(m.rating.scale, 'rating.scale') : null,
    sentiment: f32(m.sentiment, 'sentiment'),
    label: text(m.label),
    confidence: f32(m.confidence, 'confidence'),
    aspects: m.aspects.map((a) => ({
      aspect: text(a.aspect),
      sentiment: f32(a.sentiment, 'aspects.sentiment'),
    })),
    scorer_version: text(m.scorer_version),
    story_id: text(m.story_id),
  };
  const state_hash = createHash('sha256').update(JSON.stringify(state)).digest('hex');
  return {
    ...state,
    fetched_at: toDateTime64(m.fetched_at, `fetched_at of ${m.source_id}/${m.native_id}`),
    state_hash,
  };
}
