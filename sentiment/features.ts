/**
 * Feature extraction shared by training and scoring: hashed unigrams / bigrams (negation-marked) and
 * {@link DENSE} lexicon features computed with social-text rules (negation scope, intensifiers, contrast,
 * ALL-CAPS, elongation, `!`, emoji, complaint phrases). Works on a token range so aspects can score the
 * sentence that mentions them.
 */
import { CONTRAST, MODIFIERS, isNegator, type Lexicon } from './lexicon.js';
import { Kind, type Token } from './text.js';
import { aspectEntry, mark, type VocabEntry } from './aspects.js';
import * as cues from './complaints.js';
import { fnv1a as sharedFnv1a, fnv1aPrefix as sharedFnv1aPrefix } from '../platform/hash.js';

// Local copies: hot loops avoid the import-binding getters a transpiling loader (tsx) adds.
const {
  Word: K_WORD,
  Emoji: K_EMOJI,
  Bang: K_BANG,
  Question: K_QUESTION,
  Clause: K_CLAUSE,
  Sentence: K_SENTENCE,
} = Kind;
const MODS = MODIFIERS;
const {
  CUE_ASK,
  CUE_FAILURE,
  CUE_NO,
  CUE_NO_OK,
  CUE_ORDINAL,
  CUE_QUANT,
  CUE_TIMES,
  CUE_UNIT,
  CUE_WEAK,
  CUE_WHY,
  cueFlags,
} = cues;
const CONTRASTS = CONTRAST;
const negator = isNegator;
const markHit = mark;
const fnv1aPrefix = sharedFnv1aPrefix;
/** 32-bit FNV-1a (platform/hash.ts), re-exported for the trainer's hold-out split. */
export const fnv1a = sharedFnv1a;

/** Number of dense lexicon features appended after the hashed ones. */
export const DENSE = 17;

/** Words carried in negation scope after a negator. */
const NEGATION_SCOPE = 3;

/** Reusable output of {@link extract}: `n` hashed features (bucket, value) plus the dense vector. */
export class FeatureBuffer {
  idx = new Int32Array(256);
  val = new Float32Array(256);
  n = 0;
  readonly dense = new Float64Array(DENSE);
  /** Rule-based lexicon score of the range (AFINN scale sum), used for lexicon-only fallbacks and tests. */
  lexScore = 0;
  /** Sentiment-bearing tokens seen (lexicon hits). */
  lexHits = 0;
  /** Implicit-complaint cue strength of the range (complaints.ts): facts of failure, durations, repetition. */
  complaint = 0;
  /** 1 when the range opens like a question or request (`can you…`, `how do I…`, `please…`) or asks `?`. */
  ask = 0;
  /** 1 when the range asks `why`. */
  why = 0;

  push(bucket: number, value: number): void {
    if (this.n === this.idx.length) {
      const idx = new Int32Array(this.n * 2);
      idx.set(this.idx);
      this.idx = idx;
      const val = new Float32Array(this.n * 2);
      val.set(this.val);
      this.val = val;
    }
    this.idx[this.n] = bucket;
    this.val[this.n] = value;
    this.n++;
  }
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const NEG_SALT = 0x5bd1e995;
const PREFIX_SALT = 0x27d4eb2f;
/** Words at least this long also emit a feature for their first {@link PREFIX} characters (stem-like). */
const PREFIX_MIN = 7;
const PREFIX = 5;
const URL = fnv1a('<url>');
const MENTION = fnv1a('<mention>');
const START = fnv1a('<s>');
const NUM = fnv1a('<num>');
const MASKED = fnv1a('<override>');

/**
 * An overridden term is hashed as a common word of the same AFINN strength, so the n-gram weights the
 * model learned for that word apply (`sick: 3` reads as `great`).
 */
const PROXIES = [
  'horrible',
  'terrible',
  'bad',
  'disappointing',
  'meh',
  '',
  'decent',
  'good',
  'great',
  'amazing',
  'superb',
].map((w) => (w ? fnv1a(w) : MASKED));

function proxyHash(value: number): number {
  const i = Math.max(-5, Math.min(5, Math.round(value))) + 5;
  return PROXIES[i] ?? MASKED;
}

/** Options of one extraction. */
export interface ExtractContext {
  lexicon: Lexicon;
  /** `buckets - 1`, buckets a power of two. */
  mask: number;
  /** Brand overrides (lower-cased term → AFINN polarity); these terms bypass the hashed features. */
  overrides?: ReadonlyMap<string, number> | undefined;
  /** Whole text is in capitals: ALL-CAPS emphasis is meaningless then. */
  shouting: boolean;
  /** URLs and @mentions the tokenizer dropped from the whole text (features only for the full range). */
  urls?: number;
  mentions?: number;
}

function isNumber(w: string): boolean {
  const c = w.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** Everything extraction needs to know about one token text, looked up once and cached. */
interface WordInfo {
  /** Hash of the token (`<num>` for numbers). */
  h: number;
  /** Hash of its first {@link PREFIX} characters, or -1 when the word is too short. */
  prefix: number;
  /** Aspect keyword data, undefined for most words. */
  aspect: VocabEntry | undefined;
  /** Lexicon value (AFINN scale), undefined when absent. */
  value: number | undefined;
  phrases: Lexicon['phrases'] extends Map<string, infer P> ? P | undefined : never;
  modifier: number | undefined;
  contrast: boolean;
  negator: boolean;
  /** Customer-service cue flags (complaints.ts). */
  cue: number;
}

/** Per-lexicon token cache; bounded so that hostile input cannot grow it without limit. */
const CACHES = new WeakMap<Lexicon, Map<string, WordInfo>>();
const CACHE_MAX = 200_000;

/** Shared info of short all-digit tokens (`123`, `2026`): they are many and distinct, and all read alike. */
const NUMBER_INFO: WordInfo = {
  h: NUM,
  prefix: -1,
  aspect: undefined,
  value: undefined,
  phrases: undefined,
  modifier: undefined,
  contrast: false,
  negator: false,
  cue: cueFlags('0'),
};

function isShortNumber(w: string): boolean {
  if (w.length >= PREFIX_MIN) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function wordInfo(lexicon: Lexicon, cache: Map<string, WordInfo>, w: string): WordInfo {
  let info = cache.get(w);
  if (info !== undefined) return info;
  if (isShortNumber(w)) return NUMBER_INFO;
  info = {
    h: isNumber(w) ? NUM : fnv1a(w),
    prefix: w.length >= PREFIX_MIN ? fnv1aPrefix(w, PREFIX) : -1,
    aspect: aspectEntry(w),
    value: lexicon.words.get(w),
    phrases: lexicon.phrases.get(w),
    modifier: MODS.get(w),
    contrast: CONTRASTS.has(w),
    negator: negator(w),
    cue: cueFlags(w),
  };
  if (cache.size < CACHE_MAX) cache.set(w, info);
  return info;
}

/** Cumulative counters snapshotted at segment starts (see {@link Segments}). */
const S_N = 0;
const S_POS = 1;
const S_NEG = 2;
const S_POSC = 3;
const S_NEGC = 4;
const S_NPOS = 5;
const S_NNEG = 6;
const S_BANG = 7;
const S_Q = 8;
const S_PEMO = 9;
const S_NEMO = 10;
const S_COMPL = 11;
const S_CAPS = 12;
const S_WORDS = 13;
const S_CONTRAST = 14;
const S_CUE = 15;
const SEG_STATS = 16;

/**
 * Sentences and the aspects they mention, found in the same extraction pass as the whole text's features:
 * {@link extract} splits at `.` `!` `?` newline and `but` / `however`…, records aspect keyword hits per
 * sentence, and snapshots its counters at each split, so {@link segmentFeatures} gives a sentence's
 * features without re-tokenizing or re-extracting. A boundary token belongs to the sentence it ends.
 */
export class Segments {
  /** Number of sentences found by the last {@link extract}; sentence `k` spans snapshots k → k + 1. */
  count = 0;
  /** Aspect index → sentences that mention it (keywords of `aspects.ts`). */
  readonly hits = new Map<number, Set<number>>();
  stats = new Float64Array(SEG_STATS * 8);
}

/**
 * Fills `dense` with the dense features of segment `k` and returns the range of the whole text's hashed
 * features that belong to it, as `[from, to)` packed in `range`.
 */
export function segmentFeatures(segs: Segments, k: number, dense: Float64Array, range: Int32Array): void {
  const a = k * SEG_STATS;
  const b = a + SEG_STATS;
  const st = segs.stats;
  range[0] = st[a + S_N]!;
  range[1] = st[b + S_N]!;
  const pos = st[b + S_POS]! - st[a + S_POS]!;
  const neg = st[b + S_NEG]! - st[a + S_NEG]!;
  const words = st[b + S_WORDS]! - st[a + S_WORDS]!;
  fillDense(
    dense,
    pos,
    neg,
    pos - neg,
    pos - neg,
    st[b + S_POSC]! - st[a + S_POSC]!,
    st[b + S_NEGC]! - st[a + S_NEGC]!,
    st[b + S_NPOS]! - st[a + S_NPOS]!,
    st[b + S_NNEG]! - st[a + S_NNEG]!,
    st[b + S_BANG]! - st[a + S_BANG]!,
    st[b + S_Q]! - st[a + S_Q]! > 0 ? 1 : 0,
    st[b + S_PEMO]! - st[a + S_PEMO]!,
    st[b + S_NEMO]! - st[a + S_NEMO]!,
    st[b + S_COMPL]! - st[a + S_COMPL]!,
    words > 0 ? (st[b + S_CAPS]! - st[a + S_CAPS]!) / words : 0,
    words,
    st[b + S_CONTRAST]! - st[a + S_CONTRAST]! > 0 ? 1 : 0,
  );
}

/** Implicit-complaint cue strength of segment `k` (see {@link FeatureBuffer.complaint}). */
export function segmentComplaint(segs: Segments, k: number): number {
  const st = segs.stats;
  return st[(k + 1) * SEG_STATS + S_CUE]! - st[k * SEG_STATS + S_CUE]!;
}

// Positional arguments: an options object here would be allocated once per segment.
function fillDense(
  d: Float64Array,
  pos: number,
  neg: number,
  total: number,
  last: number,
  posC: number,
  negC: number,
  nPos: number,
  nNeg: number,
  bangs: number,
  question: number,
  pEmo: number,
  nEmo: number,
  complaints: number,
  capsShare: number,
  words: number,
  contrast: number,
): void {
  d[0] = Math.min(pos / 5, 3);
  d[1] = Math.min(neg / 5, 3);
  d[2] = Math.tanh(total / 4);
  d[3] = Math.log1p(posC);
  d[4] = Math.log1p(negC);
  d[5] = Math.min(nPos, 2);
  d[6] = Math.min(nNeg, 2);
  d[7] = Math.tanh(last / 4);
  d[8] = Math.min(bangs, 4) / 4;
  d[9] = question;
  d[10] = Math.log1p(pEmo);
  d[11] = Math.log1p(nEmo);
  d[12] = Math.min(complaints, 2);
  d[13] = capsShare;
  d[14] = Math.log1p(words) / 4;
  d[15] = contrast;
  // Praise next to complaints ("great job, 3 hours on hold"): mostly sarcasm or a complaint in CS threads.
  d[16] = Math.min(pos / 5, 1) * Math.min(neg / 5, 1);
}

/**
 * Fills `out` with the features of tokens[from, to). With `segs`, also splits the range into sentences,
 * records which sentences mention which aspect, and snapshots the counters at each split so
 * {@link segmentFeatures} can score a sentence.
 */
export function extract(
  tokens: readonly Token[],
  from: number,
  to: number,
  ctx: ExtractContext,
  out: FeatureBuffer,
  segs?: Segments,
): void {
  const { lexicon, mask, overrides } = ctx;
  let cache = CACHES.get(lexicon);
  if (cache === undefined) {
    cache = new Map();
    CACHES.set(lexicon, cache);
  }
  out.n = 0;
  let prev = START;
  let neg = 0;
  let modifier = 1;
  let modLeft = 0;
  let total = 0;
  let sentence = 0;
  let lastSentence = 0;
  let boost = 1;
  let skip = 0;
  let bangs = 0;
  let caps = 0;
  let words = 0;
  let hits = 0;
  let posSum = 0;
  let negSum = 0;
  let posCount = 0;
  let negCount = 0;
  let negatedPos = 0;
  let negatedNeg = 0;
  let posEmoji = 0;
  let negEmoji = 0;
  let complaints = 0;
  let question = 0;
  let contrast = 0;
  let sentences = 0;
  let sentenceStart = from;
  let cue = 0;
  let prevCue = 0;
  let ask = 0;
  let why = 0;
  let firstWord = true;
  const aspectHits = segs?.hits;
  if (segs) {
    aspectHits!.clear();
    if (segs.stats.length < SEG_STATS * 8) segs.stats = new Float64Array(SEG_STATS * 8);
  }
  // Created only when segments are asked for (a closure per call costs short posts measurably).
  const snapshot = !segs
    ? undefined
    : (k: number): void => {
        const o = k * SEG_STATS;
        if (segs.stats.length < o + SEG_STATS) {
          const grown = new Float64Array(segs.stats.length * 2 + SEG_STATS);
          grown.set(segs.stats);
          segs.stats = grown;
        }
        const st = segs.stats;
        st[o + S_N] = out.n;
        st[o + S_POS] = posSum;
        st[o + S_NEG] = negSum;
        st[o + S_POSC] = posCount;
        st[o + S_NEGC] = negCount;
        st[o + S_NPOS] = negatedPos;
        st[o + S_NNEG] = negatedNeg;
        st[o + S_BANG] = bangs;
        st[o + S_Q] = question;
        st[o + S_PEMO] = posEmoji;
        st[o + S_NEMO] = negEmoji;
        st[o + S_COMPL] = complaints;
        st[o + S_CAPS] = caps;
        st[o + S_WORDS] = words;
        st[o + S_CONTRAST] = contrast;
        st[o + S_CUE] = cue;
      };
  snapshot?.(0);
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    const kind = t.kind;
    if (snapshot !== undefined && kind === K_SENTENCE) {
      if (i > sentenceStart) sentences++;
      snapshot(sentences);
      sentenceStart = i + 1;
    }
    if (kind === K_CLAUSE || kind === K_SENTENCE) {
      neg = 0;
      modLeft = 0;
      prevCue = 0;
      if (kind === K_SENTENCE) {
        total += sentence;
        if (sentence !== 0) lastSentence = sentence;
        sentence = 0;
        boost = 1;
      }
      prev = START;
      continue;
    }
    if (kind === K_BANG) bangs++;
    const w = t.text;
    const override = overrides?.get(w);
    const overridden = override !== undefined;
    const info = wordInfo(lexicon, cache, w);
    // hashed features
    const h = overridden ? proxyHash(override) : info.h;
    const negated = neg > 0 && kind === K_WORD;
    const uni = negated ? h ^ NEG_SALT : h;
    out.push(mix(uni, 1) & mask, 1);
    out.push(mix(negated ? prev ^ NEG_SALT : prev, h) & mask, 1);
    if (info.prefix !== -1 && kind === K_WORD && !overridden)
      out.push(mix(info.prefix ^ (negated ? NEG_SALT : 0), PREFIX_SALT) & mask, 1);
    prev = h;
    if (kind === K_BANG || kind === K_QUESTION) {
      if (kind === K_QUESTION) question++;
      if (snapshot !== undefined) {
        if (i > sentenceStart) sentences++;
        snapshot(sentences);
        sentenceStart = i + 1;
      }
      continue;
    }
    if (kind === K_WORD) {
      words++;
      if (t.caps) caps++;
      // Customer-service cues (complaints.ts): failure facts, "<n> hours", "3rd time", "no refund", "why".
      const f = info.cue;
      if (f !== 0 || prevCue !== 0) {
        if (f & CUE_FAILURE) cue += 1;
        else if (f & CUE_WEAK) cue += 0.5;
        if (f & CUE_UNIT && prevCue & CUE_QUANT) cue += 1;
        if (f & CUE_TIMES && prevCue & (CUE_QUANT | CUE_ORDINAL)) cue += 1;
        if (prevCue & CUE_NO && !(f & CUE_NO_OK)) cue += 1;
        if (f & CUE_WHY) {
          cue += 1;
          why = 1;
        }
        if (firstWord && f & CUE_ASK) ask = 1;
      }
      prevCue = f;
      firstWord = false;
    }
    // lexicon rules
    let value: number | undefined;
    if (skip > 0) skip--;
    else {
      value = override;
      if (value === undefined) {
        const phrases = info.phrases;
        if (phrases !== undefined) {
          for (const p of phrases) {
            let ok = i + p.rest.length < to;
            for (let k = 0; ok && k < p.rest.length; k++) ok = tokens[i + 1 + k]!.text === p.rest[k];
            if (ok) {
              value = p.value;
              skip = p.rest.length;
              if (value <= -2) complaints++;
              break;
            }
          }
        }
        value ??= info.value;
      }
    }
    if (value !== undefined && value !== 0) {
      let v = value;
      if (modLeft > 0) v *= modifier;
      if (t.caps && !ctx.shouting) v *= 1.5;
      if (t.elongated) v *= 1.2;
      if (neg > 0) {
        if (v > 0) negatedPos++;
        else negatedNeg++;
        v *= -0.75;
      }
      v *= boost;
      sentence += v;
      hits++;
      if (v > 0) {
        posSum += v;
        posCount++;
        if (kind === K_EMOJI) posEmoji++;
      } else {
        negSum -= v;
        negCount++;
        if (kind === K_EMOJI) negEmoji++;
      }
      modLeft = 0;
    } else if (kind === K_WORD) {
      const m = info.modifier;
      if (m !== undefined) {
        modifier = m;
        modLeft = 2;
      } else if (modLeft > 0) modLeft--;
      if (info.contrast) {
        sentence *= 0.5;
        boost = 1.5;
        contrast++;
      }
    }
    if (kind === K_WORD) {
      if (info.negator) neg = NEGATION_SCOPE + 1;
      if (neg > 0) neg--;
      const aspect = info.aspect;
      if (snapshot !== undefined && aspect !== undefined) {
        if (aspect.contrast) {
          if (i > sentenceStart) sentences++;
          snapshot(sentences);
          sentenceStart = i + 1;
        } else {
          markHit(aspectHits!, sentences, aspect.single);
          const next = tokens[i + 1];
          if (next !== undefined && aspect.pairs)
            markHit(aspectHits!, sentences, aspect.pairs.get(next.text));
        }
      }
    }
  }
  if (segs) {
    if (to > sentenceStart) snapshot!(++sentences);
    segs.count = sentences;
  }
  total += sentence;
  if (sentence !== 0) lastSentence = sentence;
  if (from === 0) {
    if (ctx.urls) out.push(mix(URL, 1) & mask, 1);
    if (ctx.mentions) out.push(mix(MENTION, Math.min(ctx.mentions, 3)) & mask, 1);
  }
  const scale = out.n > 0 ? 1 / Math.sqrt(out.n) : 0;
  for (let k = 0; k < out.n; k++) out.val[k] = scale;
  fillDense(
    out.dense,
    posSum,
    negSum,
    total,
    lastSentence,
    posCount,
    negCount,
    negatedPos,
    negatedNeg,
    bangs,
    question > 0 ? 1 : 0,
    posEmoji,
    negEmoji,
    complaints,
    words > 0 ? caps / words : 0,
    words,
    contrast > 0 ? 1 : 0,
  );
  out.lexScore = total;
  out.lexHits = hits;
  out.complaint = cue;
  out.ask = ask > 0 || question > 0 ? 1 : 0;
  out.why = why;
}
