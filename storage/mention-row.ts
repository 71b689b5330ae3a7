/**
 * A mention as the `mentions` table stores it: normalized exactly as ClickHouse will hold it, hashed for change
 * detection, and encoded as one TabSeparated line (the cheapest text format for chDB to parse: about half the
 * CPU of JSONEachRow, measured in docs/schema.md). `encodeMention` does all three in one pass over each
 * field's characters, straight into a batch's bytes.
 */
import type { AspectScore, Mention } from '../core/mention.js';
import { ByteBuffer } from './byte-buffer.js';
import { toDateTime64 } from './datetime.js';
import { InvalidMentionError } from './errors.js';
import { fmix32 } from '../platform/hash.js';
import type { MentionsColumn } from './schema.js';

/** The stored columns of a mention (what `state_hash` covers) plus `fetched_at`, as read back. */
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
const wellFormed = (value: string): string =>
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

/** A mention encoded into a batch's bytes: its key as stored, its state hash, and where its parts lie. */
export interface EncodedRow {
  brand: string;
  source_id: string;
  native_id: string;
  /** 16 hex digits: a 64-bit hash of every stored field except `fetched_at`. */
  state_hash: string;
  /** Where its head (the columns before `version`) starts, where its end (the reply-thread columns) starts and ends. */
  head: number;
  end: number;
  stop: number;
}

/**
 * Encodes `m` as a row of `mentions` at the end of `out`: the head (`source` … `state_hash`, then a tab) and
 * the end (the reply-thread columns and the newline); `lineMiddle` goes between them at store time.
 * Strings are stored as UTF-8 with lone surrogates replaced by U+FFFD, numbers as ClickHouse holds them
 * (UInt32 clamped, Float32 rounded). Throws `InvalidMentionError` for a non-finite number or a date outside
 * DateTime64's range, and then leaves `out` as it was.
 */
export function encodeMention(m: Mention, out: ByteBuffer): EncodedRow {
  // Every number is checked and converted before the first byte is written.
  const score = m.engagement.score;
  if (!Number.isFinite(score)) invalid(m, 'engagement.score', score);
  const followers = m.author_followers === undefined ? null : u32(m.author_followers, 'author_followers', m);
  const published = toDateTime64(m.published_at, () => `published_at of ${m.source_id}/${m.native_id}`);
  const likes = u32(m.engagement.likes, 'engagement.likes', m);
  const shares = u32(m.engagement.shares, 'engagement.shares', m);
  const replies = u32(m.engagement.replies, 'engagement.replies', m);
  const engagementScore = Math.min(0x7fff_ffff, Math.max(-0x8000_0000, Math.round(score)));
  const rating = m.rating ? f32(m.rating.value, 'rating.value', m) : null;
  const ratingScale = m.rating ? f32(m.rating.scale, 'rating.scale', m) : null;
  const sentiment = f32(m.sentiment, 'sentiment', m);
  const confidence = f32(m.confidence, 'confidence', m);
  const aspectSentiments = m.aspects.map((a) => f32(a.sentiment, 'aspects.sentiment', m));
  const fetchedAt = fetchedAtText(m);
  const inReplyTo = m.in_reply_to ?? '';
  const threadId = m.thread_id ?? '';
  const replyKey = m.reply_key ?? '';
  const fromBrand = m.from_brand ? 1 : 0;

  target = out;
  const head = out.length;
  lanes[0] = 0x811c9dc5;
  lanes[1] = 0x3c6ef372;
  // Head columns, each hashed as it is written, in the order stored hashes depend on.
  field(m.source);
  field(m.source_id);
  field(m.native_id);
  field(m.brand);
  field(m.kind);
  field(m.url);
  field(m.author);
  numberField(followers);
  if (m.title === undefined) numberField(null);
  else field(m.title);
  field(m.text);
  field(m.lang);
  field(published);
  numberField(likes);
  numberField(shares);
  numberField(replies);
  numberField(engagementScore);
  numberField(rating);
  numberField(ratingScale);
  numberField(sentiment);
  field(m.label);
  numberField(confidence);
  unit(0x30000 + m.aspects.length);
  ascii('[');
  for (let i = 0; i < m.aspects.length; i++) {
    ascii(i === 0 ? "('" : ",('");
    field((m.aspects[i] as AspectScore).aspect, "'");
    const aspectSentiment = aspectSentiments[i] as number;
    hashNumber(aspectSentiment);
    ascii(`,${aspectSentiment})`);
  }
  ascii(']\t');
  field(m.scorer_version);
  field(m.story_id);
  // Hashed only when set, so rows stored before migration 7 (all defaults) keep their hash and a re-ingest
  // of them is still "unchanged".
  if (inReplyTo || threadId || replyKey || fromBrand) {
    unit(0x40000 + fromBrand);
    hashString(wellFormed(inReplyTo));
    hashString(wellFormed(threadId));
    hashString(wellFormed(replyKey));
  }
  const hi = fmix32(lanes[0]!);
  const lo = fmix32(lanes[1]! ^ hi);
  const stateHash = hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
  ascii(`${fetchedAt}\t${stateHash}\t`);
  const end = out.length;
  // Written after the hash they are part of: `field` hashing them again changes nothing stored.
  field(inReplyTo);
  field(threadId);
  field(replyKey);
  ascii(fromBrand === 1 ? '1\n' : '0\n');
  return {
    // Keyed as stored (lone surrogates replaced), so the stored state read back matches it.
    brand: wellFormed(m.brand),
    source_id: wellFormed(m.source_id),
    native_id: wellFormed(m.native_id),
    state_hash: stateHash,
    head,
    end,
    stop: out.length,
  };
}

// --- one pass per field: normalize, hash, escape, encode -----------------------------------------------------
// The state hash is 64 bits in two independent 32-bit lanes (FNV-1a and a multiply-xorshift), each finished
// with MurmurHash3's fmix32. It only detects change between versions of one key, so it need not be
// cryptographic. Stored hashes depend on this exact sequence of units: per string, 0x10000 + its length, then
// its UTF-16 units (after lone surrogates became U+FFFD); per number, the two 32-bit words of its float64; a
// NULL is 0x20000. The lanes live in a typed array between fields and in locals within one (module-level
// `let`s cost ~10 ns per character).
const lanes = new Int32Array(2);
const f64 = new Float64Array(1);
const f64Words = new Uint32Array(f64.buffer);
/** The buffer `encodeMention` is writing into. */
let target = new ByteBuffer();

/** Escape letter after a backslash for each ASCII code that TabSeparated escapes (`'` too, for arrays), else 0. */
const ESCAPE = new Uint8Array(128);
for (const [c, letter] of [
  ['\\', '\\'],
  ['\t', 't'],
  ['\n', 'n'],
  ['\r', 'r'],
  ['\0', '0'],
  ["'", "'"],
]) {
  ESCAPE[(c as string).charCodeAt(0)] = (letter as string).charCodeAt(0);
}

function unit(c: number): void {
  lanes[0] = Math.imul(lanes[0]! ^ c, 0x01000193);
  let h2 = Math.imul(lanes[1]! + c, 0x5bd1e995);
  h2 ^= h2 >>> 15;
  lanes[1] = h2;
}

function hashNumber(v: number | null): void {
  if (v === null) return unit(0x20000);
  f64[0] = v;
  unit(f64Words[0] as number);
  unit(f64Words[1] as number);
}

function hashString(s: string): void {
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

/** Writes ASCII text that needs no escaping (separators, numbers, dates, hex). */
function ascii(s: string): void {
  target.reserve(s.length);
  const buf = target.buffer;
  let o = target.length;
  for (let i = 0; i < s.length; i++) buf[o++] = s.charCodeAt(i);
  target.length = o;
}

/** A number column (hashed) and its tab; `\N` for NULL. */
function numberField(v: number | null): void {
  hashNumber(v);
  ascii(v === null ? '\\N\t' : `${v}\t`);
}

/**
 * A string column: hashed, escaped and UTF-8 encoded in one pass, then `after` (a tab unless told). A lone
 * surrogate is hashed and written as U+FFFD; a pair is hashed as its two units and written as 4 bytes.
 */
function field(s: string, after = '\t'): void {
  target.reserve(s.length * 3 + after.length);
  const buf = target.buffer;
  const escape = ESCAPE;
  let o = target.length;
  let h1 = lanes[0]!;
  let h2 = lanes[1]!;
  const head = 0x10000 + s.length;
  h1 = Math.imul(h1 ^ head, 0x01000193);
  h2 = Math.imul(h2 + head, 0x5bd1e995);
  h2 ^= h2 >>> 15;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      const e = escape[c]!;
      if (e === 0) buf[o++] = c;
      else {
        buf[o++] = 0x5c;
        buf[o++] = e;
      }
    } else if (c < 0x800) {
      buf[o++] = 0xc0 | (c >> 6);
      buf[o++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c < 0xe000) {
        const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
        if (c < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
          h1 = Math.imul(h1 ^ c, 0x01000193);
          h2 = Math.imul(h2 + c, 0x5bd1e995);
          h2 ^= h2 >>> 15;
          c = next;
          i++;
          const point = 0x10000 + ((s.charCodeAt(i - 1) - 0xd800) << 10) + (next - 0xdc00);
          buf[o++] = 0xf0 | (point >> 18);
          buf[o++] = 0x80 | ((point >> 12) & 0x3f);
          buf[o++] = 0x80 | ((point >> 6) & 0x3f);
          buf[o++] = 0x80 | (point & 0x3f);
          h1 = Math.imul(h1 ^ c, 0x01000193);
          h2 = Math.imul(h2 + c, 0x5bd1e995);
          h2 ^= h2 >>> 15;
          continue;
        }
        c = 0xfffd;
      }
      buf[o++] = 0xe0 | (c >> 12);
      buf[o++] = 0x80 | ((c >> 6) & 0x3f);
      buf[o++] = 0x80 | (c & 0x3f);
    }
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 + c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  lanes[0] = h1;
  lanes[1] = h2;
  target.length = o;
  ascii(after);
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

/**
 * One TabSeparated line (with its newline) in `MENTION_INSERT_COLUMNS` order, and its row's state hash: the
 * writer's encoding of one mention as text, for tests and tools (the writer itself keeps bytes).
 */
export function mentionLine(
  m: Mention,
  version: number,
  ingestedAt: string,
  prev: PreviousState | undefined,
): { line: string; stateHash: string } {
  const out = new ByteBuffer();
  const row = encodeMention(m, out);
  const bytes = out.bytes();
  const line =
    bytes.toString('utf8', row.head, row.end) +
    lineMiddle(version, ingestedAt, prev) +
    bytes.toString('utf8', row.end, row.stop);
  return { line, stateHash: row.state_hash };
}

const EPOCH = toDateTime64(0);
