/**
 * A mention as the `mentions` table stores it: normalized exactly as ClickHouse will hold it, hashed for change
 * detection, and encoded as one TabSeparated line (the cheapest text format for chDB to parse: about half the
 * CPU of JSONEachRow, measured in docs/schema.md).
 */
import type { AspectScore, Mention } from '../core/mention.js';
import { toDateTime64 } from './datetime.js';
import { InvalidMentionError } from './errors.js';
import { fmix32 } from '../platform/hash.js';
import type { MentionsColumn } from './schema.js';

/** The stored columns of a mention (what `state_hash` covers) plus `fetched_at`. */
export interface MentionRow {
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
  /** Reply-thread ids ('' when unknown) and the brand's own authorship (0/1). */
  in_reply_to: string;
  thread_id: string;
  reply_key: string;
  from_brand: number;
  fetched_at: string;
  /** 16 hex digits: a 64-bit hash of every field above except `fetched_at`. */
  state_hash: string;
}

/** The state a new row version replaces (`prev_*` columns); absent for a first insert. */
export interface PreviousState {
  published_at: string;
  label: string;
  sentiment: number;
  engagement: number;
  rating: number | null;
  rating_scale: number | null;
  aspects: AspectScore[];
}

/** Column order of `mentionLine`, for the INSERT's column list: every column of `mentions`. */
export const MENTION_INSERT_COLUMNS = [
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
  'fetched_at',
  'state_hash',
  'version',
  'ingested_at',
  'prev_exists',
  'prev_published_at',
  'prev_label',
  'prev_sentiment',
  'prev_engagement',
  'prev_rating',
  'prev_rating_scale',
  'prev_aspects',
  'in_reply_to',
  'thread_id',
  'reply_key',
  'from_brand',
] as const satisfies readonly MentionsColumn[];

// String.prototype.toWellFormed (ES2024) without the lib bump: lone surrogates cannot be encoded as UTF-8.
const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const text = (value: string): string =>
  SURROGATE.test(value) ? value.replace(LONE_SURROGATE, '\uFFFD') : value;

function invalid(m: Mention, field: string, value: number): never {
  throw new InvalidMentionError(
    `Mention ${m.source_id}/${m.native_id} (brand ${m.brand}): ${field} must be a finite number, got ${value}`,
  );
}

function u32(value: number, field: string, m: Mention): number {
  if (!Number.isFinite(value)) invalid(m, field, value);
  return Math.min(0xffff_ffff, Math.max(0, Math.round(value)));
}

function f32(value: number, field: string, m: Mention): number {
  if (!Number.isFinite(value)) invalid(m, field, value);
  return Math.fround(value);
}

// The rows of a batch share one fetched_at: remember its text (published_at, converted in between, differs).
let lastFetchedMs = NaN;
let lastFetchedText = '';
function fetchedAtText(m: Mention): string {
  if (m.fetched_at !== lastFetchedMs) {
    lastFetchedText = toDateTime64(m.fetched_at, () => `fetched_at of ${m.source_id}/${m.native_id}`);
    lastFetchedMs = m.fetched_at;
  }
  return lastFetchedText;
}

/**
 * Normalizes a mention to its stored row. Throws `InvalidMentionError` for a non-finite number or a date
 * outside DateTime64's range.
 */
export function toMentionRow(m: Mention): MentionRow {
  const score = m.engagement.score;
  if (!Number.isFinite(score)) invalid(m, 'engagement.score', score);
  const aspects: AspectScore[] = new Array<AspectScore>(m.aspects.length);
  for (let i = 0; i < m.aspects.length; i++) {
    const a = m.aspects[i] as AspectScore;
    aspects[i] = { aspect: text(a.aspect), sentiment: f32(a.sentiment, 'aspects.sentiment', m) };
  }
  const row: MentionRow = {
    source: text(m.source),
    source_id: text(m.source_id),
    native_id: text(m.native_id),
    brand: text(m.brand),
    kind: text(m.kind),
    url: text(m.url),
    author: text(m.author),
    author_followers:
      m.author_followers === undefined ? null : u32(m.author_followers, 'author_followers', m),
    title: m.title === undefined ? null : text(m.title),
    text: text(m.text),
    lang: text(m.lang),
    published_at: toDateTime64(m.published_at, () => `published_at of ${m.source_id}/${m.native_id}`),
    likes: u32(m.engagement.likes, 'engagement.likes', m),
    shares: u32(m.engagement.shares, 'engagement.shares', m),
    replies: u32(m.engagement.replies, 'engagement.replies', m),
    engagement_score: Math.min(0x7fff_ffff, Math.max(-0x8000_0000, Math.round(score))),
    rating: m.rating ? f32(m.rating.value, 'rating.value', m) : null,
    rating_scale: m.rating ? f32(m.rating.scale, 'rating.scale', m) : null,
    sentiment: f32(m.sentiment, 'sentiment', m),
    label: text(m.label),
    confidence: f32(m.confidence, 'confidence', m),
    aspects,
    scorer_version: text(m.scorer_version),
    story_id: text(m.story_id),
    in_reply_to: text(m.in_reply_to ?? ''),
    thread_id: text(m.thread_id ?? ''),
    reply_key: text(m.reply_key ?? ''),
    from_brand: m.from_brand ? 1 : 0,
    fetched_at: fetchedAtText(m),
    state_hash: '',
  };
  row.state_hash = stateHash(row);
  return row;
}

// --- state hash -------------------------------------------------------------------------------------------
// A 64-bit hash in two independent 32-bit lanes (FNV-1a and a multiply-xorshift), each finished with
// MurmurHash3's fmix32. It only detects change between versions of one key, so it need not be cryptographic;
// it replaced sha256 over JSON.stringify (about 7 µs a row, the largest cost of the writer's JS side).
// The lanes live in a typed array between fields and in locals within one (module-level `let`s cost ~10
// ns per character: half of the writer's JS time); stored hashes depend on this exact sequence of units.
const lanes = new Int32Array(2);
const f64 = new Float64Array(1);
const f64Words = new Uint32Array(f64.buffer);

function unit(c: number): void {
  lanes[0] = Math.imul(lanes[0]! ^ c, 0x01000193);
  let h2 = Math.imul(lanes[1]! + c, 0x5bd1e995);
  h2 ^= h2 >>> 15;
  lanes[1] = h2;
}

function str(s: string | null): void {
  if (s === null) return unit(0x20000);
  let h1 = lanes[0]!;
  let h2 = lanes[1]!;
  const head = 0x10000 + s.length;
  h1 = Math.imul(h1 ^ head, 0x01000193);
  h2 = Math.imul(h2 + head, 0x5bd1e995);
  h2 ^= h2 >>> 15;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 + c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  lanes[0] = h1;
  lanes[1] = h2;
}

function num(v: number | null): void {
  if (v === null) return unit(0x20000);
  f64[0] = v;
  unit(f64Words[0] as number);
  unit(f64Words[1] as number);
}

function stateHash(r: MentionRow): string {
  lanes[0] = 0x811c9dc5;
  lanes[1] = 0x3c6ef372;
  str(r.source);
  str(r.source_id);
  str(r.native_id);
  str(r.brand);
  str(r.kind);
  str(r.url);
  str(r.author);
  num(r.author_followers);
  str(r.title);
  str(r.text);
  str(r.lang);
  str(r.published_at);
  num(r.likes);
  num(r.shares);
  num(r.replies);
  num(r.engagement_score);
  num(r.rating);
  num(r.rating_scale);
  num(r.sentiment);
  str(r.label);
  num(r.confidence);
  unit(0x30000 + r.aspects.length);
  for (const a of r.aspects) {
    str(a.aspect);
    num(a.sentiment);
  }
  str(r.scorer_version);
  str(r.story_id);
  // Hashed only when set, so rows stored before migration 7 (all defaults) keep their hash and a re-ingest
  // of them is still "unchanged".
  if (r.in_reply_to || r.thread_id || r.reply_key || r.from_brand) {
    unit(0x40000 + r.from_brand);
    str(r.in_reply_to);
    str(r.thread_id);
    str(r.reply_key);
  }
  const hi = fmix32(lanes[0]!);
  const lo = fmix32(lanes[1]! ^ hi);
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

// --- TabSeparated encoding ----------------------------------------------------------------------------------
const TSV_SPECIAL = /[\\\t\n\r\0']/;
const TSV_ESCAPE = /[\\\t\n\r\0']/g;
const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\0': '\\0',
  "'": "\\'",
};
const escapeChar = (c: string): string => ESCAPES[c] as string;
/** A string field (escaped; `'` too, so the same function serves strings quoted inside arrays). */
export const esc = (s: string): string => (TSV_SPECIAL.test(s) ? s.replace(TSV_ESCAPE, escapeChar) : s);
const nullable = (v: string | number | null): string =>
  v === null ? '\\N' : typeof v === 'string' ? esc(v) : String(v);

function aspectsField(aspects: readonly AspectScore[]): string {
  if (aspects.length === 0) return '[]';
  let out = '[';
  for (let i = 0; i < aspects.length; i++) {
    const a = aspects[i] as AspectScore;
    out += `${i === 0 ? '' : ','}('${esc(a.aspect)}',${a.sentiment})`;
  }
  return `${out}]`;
}

/**
 * The columns of `r` before `version` (`source` … `state_hash`), with the tab after them: the part of a
 * line that does not depend on the stored state, encoded as soon as a mention is scored.
 */
export function lineHead(r: MentionRow): string {
  return (
    `${esc(r.source)}\t${esc(r.source_id)}\t${esc(r.native_id)}\t${esc(r.brand)}\t${esc(r.kind)}\t` +
    `${esc(r.url)}\t${esc(r.author)}\t${nullable(r.author_followers)}\t${nullable(r.title)}\t${esc(r.text)}\t` +
    `${esc(r.lang)}\t${r.published_at}\t${r.likes}\t${r.shares}\t${r.replies}\t${r.engagement_score}\t` +
    `${nullable(r.rating)}\t${nullable(r.rating_scale)}\t${r.sentiment}\t${esc(r.label)}\t${r.confidence}\t` +
    `${aspectsField(r.aspects)}\t${esc(r.scorer_version)}\t${esc(r.story_id)}\t${r.fetched_at}\t` +
    `${r.state_hash}\t`
  );
}

/** The reply-thread columns that end a line (added by migration 7, hence last), with the newline. */
export function lineEnd(r: MentionRow): string {
  return `${esc(r.in_reply_to)}\t${esc(r.thread_id)}\t${esc(r.reply_key)}\t${r.from_brand}\n`;
}

/** `version`, `ingested_at` and the replaced state (`prev_*`), with the tab after them. */
export function lineMiddle(version: number, ingestedAt: string, prev: PreviousState | undefined): string {
  return (
    `${version}\t${ingestedAt}\t` +
    (prev
      ? `1\t${prev.published_at}\t${esc(prev.label)}\t${prev.sentiment}\t${prev.engagement}\t` +
        `${nullable(prev.rating)}\t${nullable(prev.rating_scale)}\t${aspectsField(prev.aspects)}\t`
      : `0\t${EPOCH}\t\t0\t0\t\\N\t\\N\t[]\t`)
  );
}

/** One TabSeparated line (with its newline) in `MENTION_INSERT_COLUMNS` order. */
export function mentionLine(
  r: MentionRow,
  version: number,
  ingestedAt: string,
  prev: PreviousState | undefined,
): string {
  return lineHead(r) + lineMiddle(version, ingestedAt, prev) + lineEnd(r);
}

const EPOCH = toDateTime64(0);
