/**
 * Feature extraction shared by training and scoring: hashed unigrams / bigrams (negation-marked) and
 * {@link DENSE} lexicon features computed with social-text rules (negation scope, intensifiers, contrast,
 * ALL-CAPS, elongation, `!`, emoji, complaint phrases). Works on a token range so aspects can score the
 * sentence that mentions them.
 */
import { CONTRAST, MODIFIERS, isNegator, type Lexicon } from './lexicon.js';
import { Kind, type Token } from './text.js';

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

/** 32-bit FNV-1a of a string. */
export function fnv1a(s: string): number {
  return fnv1aPrefix(s, s.length);
}

/** 32-bit FNV-1a of the first `n` characters of `s` (no substring allocated). */
function fnv1aPrefix(s: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
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

/** Fills `out` with the features of tokens[from, to). */
export function extract(
  tokens: readonly Token[],
  from: number,
  to: number,
  ctx: ExtractContext,
  out: FeatureBuffer,
): void {
  const { lexicon, mask, overrides } = ctx;
  out.n = 0;
  const d = out.dense;
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
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    const kind = t.kind;
    if (kind === Kind.Clause || kind === Kind.Sentence) {
      neg = 0;
      modLeft = 0;
      if (kind === Kind.Sentence) {
        total += sentence;
        if (sentence !== 0) lastSentence = sentence;
        sentence = 0;
        boost = 1;
      }
      prev = START;
      continue;
    }
    if (kind === Kind.Bang) bangs++;
    const w = t.text;
    const override = overrides?.get(w);
    const overridden = override !== undefined;
    // hashed features
    const h = overridden ? proxyHash(override) : kind === Kind.Word && isNumber(w) ? NUM : fnv1a(w);
    const negated = neg > 0 && kind === Kind.Word;
    const uni = negated ? h ^ NEG_SALT : h;
    out.push(mix(uni, 1) & mask, 1);
    out.push(mix(negated ? prev ^ NEG_SALT : prev, h) & mask, 1);
    if (w.length >= PREFIX_MIN && kind === Kind.Word && !overridden)
      out.push(mix(fnv1aPrefix(w, PREFIX) ^ (negated ? NEG_SALT : 0), PREFIX_SALT) & mask, 1);
    prev = h;
    if (kind === Kind.Bang || kind === Kind.Question) {
      if (kind === Kind.Question) question = 1;
      continue;
    }
    if (kind === Kind.Word) {
      words++;
      if (t.caps) caps++;
    }
    // lexicon rules
    let value: number | undefined;
    if (skip > 0) skip--;
    else {
      value = override;
      if (value === undefined) {
        const phrases = lexicon.phrases.get(w);
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
        value ??= lexicon.words.get(w);
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
        if (kind === Kind.Emoji) posEmoji++;
      } else {
        negSum -= v;
        negCount++;
        if (kind === Kind.Emoji) negEmoji++;
      }
      modLeft = 0;
    } else if (kind === Kind.Word) {
      const m = MODIFIERS.get(w);
      if (m !== undefined) {
        modifier = m;
        modLeft = 2;
      } else if (modLeft > 0) modLeft--;
      if (CONTRAST.has(w)) {
        sentence *= 0.5;
        boost = 1.5;
        contrast = 1;
      }
    }
    if (kind === Kind.Word) {
      if (isNegator(w)) neg = NEGATION_SCOPE + 1;
      if (neg > 0) neg--;
    }
  }
  total += sentence;
  if (sentence !== 0) lastSentence = sentence;
  if (from === 0) {
    if (ctx.urls) out.push(mix(URL, 1) & mask, 1);
    if (ctx.mentions) out.push(mix(MENTION, Math.min(ctx.mentions, 3)) & mask, 1);
  }
  const scale = out.n > 0 ? 1 / Math.sqrt(out.n) : 0;
  for (let k = 0; k < out.n; k++) out.val[k] = scale;
  d[0] = Math.min(posSum / 5, 3);
  d[1] = Math.min(negSum / 5, 3);
  d[2] = Math.tanh(total / 4);
  d[3] = Math.log1p(posCount);
  d[4] = Math.log1p(negCount);
  d[5] = Math.min(negatedPos, 2);
  d[6] = Math.min(negatedNeg, 2);
  d[7] = Math.tanh(lastSentence / 4);
  d[8] = Math.min(bangs, 4) / 4;
  d[9] = question;
  d[10] = Math.log1p(posEmoji);
  d[11] = Math.log1p(negEmoji);
  d[12] = Math.min(complaints, 2);
  d[13] = words > 0 ? caps / words : 0;
  d[14] = Math.log1p(words) / 4;
  d[15] = contrast;
  // Praise next to complaints ("great job, 3 hours on hold"): mostly sarcasm or a complaint in CS threads.
  d[16] = Math.min(posSum / 5, 1) * Math.min(negSum / 5, 1);
  out.lexScore = total;
  out.lexHits = hits;
}
