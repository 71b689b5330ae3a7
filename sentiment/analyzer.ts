/**
 * The Earshot analyzer: English through the committed classifier (hashed n-grams + lexicon rules),
 * Spanish / Portuguese / French / Italian / Dutch / German through natural's lexicons, everything else
 * `unscored`. Synchronous, deterministic, and it never throws on any string.
 */
import type { AnalyzeHints, BrandSentimentOverrides, SentimentAnalyzer } from '../core/sentiment.js';
import type { AspectScore, SentimentLabel, SentimentResult } from '../core/mention.js';
import { ASPECTS } from './aspects.js';
import { applyCorrection } from '../core/correction.js';
import {
  correctionKey,
  correctionsHash,
  learnCorrections,
  termShifts,
  type BrandCorrections,
  type CorrectionExample,
} from './corrections.js';
import {
  DENSE,
  FeatureBuffer,
  Segments,
  extract,
  segmentComplaint,
  segmentFeatures,
  type ExtractContext,
} from './features.js';
import { LEXICON_LANGUAGES, scoreForeign } from './foreign.js';
import { detectLanguage } from './language.js';
import { buildEnglishLexicon } from './lexicon.js';
import { CLASSES, loadModel, shortHash, type LoadedModel } from './model.js';
import { Kind, isShouting, tokenize, type Tokenized } from './text.js';

// Local copies: hot loops avoid the import-binding getters a transpiling loader (tsx) adds.
const { Emoji: K_EMOJI } = Kind;

/** Options of {@link createAnalyzer}. */
export interface AnalyzerOptions {
  /** Per-brand overrides keyed by brand key; applied only when `hints.brand` names that brand. */
  brands?: Record<string, BrandSentimentOverrides>;
  /** Model file to load instead of the committed one (tests, experiments). */
  modelUrl?: URL;
  /**
   * User corrections per brand key (storage/corrections.ts reads them): corrected texts keep their label and
   * learnt terms shift similar mentions of that brand (corrections.ts). Part of the version.
   */
  corrections?: Record<string, readonly CorrectionExample[]>;
  /** Customer-service cue weights instead of the fitted ones (experiments; part of the version). */
  customerService?: Partial<CustomerServiceWeights>;
}

/**
 * Logit shifts from the customer-service cues (complaints.ts), applied after the classifier. Fitted on
 * `sentiment/data/dev/customer-service-dev.tsv` (grid search, macro-F1), reported on `-test`; see
 * docs/sentiment.md for the figures.
 */
export interface CustomerServiceWeights {
  /** Added to the negative logit per unit of implicit-complaint cue strength. */
  complaint: number;
  /** Cue strength counted at most. */
  cap: number;
  /** Taken from the positive logit per unit of cue strength (praise next to a failure is mostly sarcasm). */
  sarcasm: number;
  /** Added to the neutral logit of a question or request that carries no complaint cue. */
  ask: number;
}

/** The fitted weights (see {@link CustomerServiceWeights}). */
export const CUSTOMER_SERVICE_WEIGHTS: CustomerServiceWeights = {
  complaint: 0.9,
  cap: 3,
  sarcasm: 0.2,
  ask: 0.8,
};

interface Brand {
  overrides: Map<string, number>;
  ignore: RegExp | undefined;
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function hasEmoji(tk: Tokenized): boolean {
  for (const t of tk.tokens) if (t.kind === K_EMOJI) return true;
  return false;
}

/** A result as a user's correction makes it (see core/correction.ts). */
function correctedResult(r: SentimentResult, c: CorrectionExample): SentimentResult {
  const m = applyCorrection(r, c);
  return {
    sentiment: round4(m.sentiment),
    label: m.label,
    confidence: m.confidence,
    aspects: m.aspects,
    lang: r.lang,
  };
}

/** Result for text the engine declines to score. */
export function unscored(lang = 'und'): SentimentResult {
  return { sentiment: 0, label: 'unscored', confidence: 0, aspects: [], lang };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Canonical JSON of the brand settings, so the version ignores key order. */
function canonicalBrands(brands: Record<string, BrandSentimentOverrides>): string {
  const keys = Object.keys(brands).sort();
  return JSON.stringify(
    keys.map((k) => {
      const b = brands[k]!;
      const overrides = Object.keys(b.overrides)
        .sort()
        .map((t) => [t, b.overrides[t]]);
      return [k, overrides, [...b.ignore].sort()];
    }),
  );
}

/** Scorer version for a model id and brand settings: `earshot-sentiment@<model>[+b<hash>]`. */
export function scorerVersion(modelId: string, brands: Record<string, BrandSentimentOverrides> = {}): string {
  const active = Object.values(brands).some(
    (b) => Object.keys(b.overrides).length > 0 || b.ignore.length > 0,
  );
  return `earshot-sentiment@${modelId}${active ? `+b${shortHash(canonicalBrands(brands))}` : ''}`;
}

/**
 * Creates the Earshot analyzer, loading the committed model synchronously.
 * @throws SentimentError when the model file is missing or corrupt.
 */
export function createAnalyzer(options: AnalyzerOptions = {}): SentimentAnalyzer {
  const model: LoadedModel = loadModel(options.modelUrl);
  const lexicon = buildEnglishLexicon();
  const brands = new Map<string, Brand>();
  for (const [key, b] of Object.entries(options.brands ?? {})) {
    const overrides = new Map(
      Object.entries(b.overrides).map(([t, v]) => [t.toLowerCase().trim(), v] as const),
    );
    const ignore = b.ignore.length
      ? new RegExp(b.ignore.map((p) => escapeRegExp(p)).join('|'), 'giu')
      : undefined;
    brands.set(key, { overrides, ignore });
  }
  const cs = { ...CUSTOMER_SERVICE_WEIGHTS, ...options.customerService };
  const learnt = new Map<string, BrandCorrections>();
  for (const [key, examples] of Object.entries(options.corrections ?? {}))
    if (examples.length > 0) learnt.set(key, learnCorrections(examples));
  const taught = correctionsHash(options.corrections ?? {});
  const version =
    scorerVersion(`${model.id}-cs${shortHash(JSON.stringify(cs))}`, options.brands) +
    (taught ? `+c${taught}` : '');
  const shifts = new Float64Array(3);

  /** Shifts the classifier's probabilities by the customer-service cues, in place. */
  function adjust(p: Float64Array, complaint: number, ask: number): void {
    const c = Math.min(complaint, cs.cap);
    if (c === 0 && ask === 0) return;
    const l0 = Math.log(p[0]!) + cs.complaint * c;
    const l1 = Math.log(p[1]!) + (ask > 0 && c === 0 ? cs.ask : 0);
    const l2 = Math.log(p[2]!) - cs.sarcasm * c;
    const m = Math.max(l0, l1, l2);
    const e0 = Math.exp(l0 - m);
    const e1 = Math.exp(l1 - m);
    const e2 = Math.exp(l2 - m);
    const z = e0 + e1 + e2;
    p[0] = e0 / z;
    p[1] = e1 / z;
    p[2] = e2 / z;
  }
  const buf = new FeatureBuffer();
  const probs = new Float64Array(3);

  const segs = new Segments();
  const segDense = new Float64Array(DENSE);
  const segRange = new Int32Array(2);
  const segProbs = new Float64Array(3);

  function analyzeEnglish(
    tk: Tokenized,
    brand: Brand | undefined,
    lang: string,
    taughtBy: BrandCorrections | undefined,
  ): SentimentResult {
    const { tokens } = tk;
    const ctx: ExtractContext = {
      lexicon,
      mask: model.mask,
      overrides: brand?.overrides,
      shouting: isShouting(tk),
      urls: tk.urls,
      mentions: tk.mentions,
    };
    // One pass: features of the whole text, its sentences, their aspect mentions and per-sentence counters.
    extract(tokens, 0, tokens.length, ctx, buf, segs);
    model.predict(buf, probs);
    adjust(probs, buf.complaint, buf.ask);
    if (taughtBy !== undefined && termShifts(taughtBy, tokens, shifts)) shift(probs, shifts);
    const sentiment = probs[2]! - probs[0]!;
    const best = probs[0]! >= probs[1]! && probs[0]! >= probs[2]! ? 0 : probs[1]! >= probs[2]! ? 1 : 2;
    const label: SentimentLabel = CLASSES[best];
    const confidence = probs[best]!;
    const aspects: AspectScore[] = [];
    const hits = segs.hits;
    if (hits.size > 0) {
      const scores = new Map<number, number>();
      for (let a = 0; a < ASPECTS.length; a++) {
        const sentences = hits.get(a);
        if (!sentences) continue;
        let sum = 0;
        for (const s of sentences) {
          let v = scores.get(s);
          if (v === undefined) {
            if (segs.count > 1) {
              segmentFeatures(segs, s, segDense, segRange);
              model.predictRange(buf.idx, segRange[0]!, segRange[1]!, segDense, segProbs);
              adjust(segProbs, segmentComplaint(segs, s), 0);
              v = segProbs[2]! - segProbs[0]!;
            } else v = sentiment;
            scores.set(s, v);
          }
          sum += v;
        }
        aspects.push({ aspect: ASPECTS[a]!, sentiment: round4(sum / sentences.size) });
      }
    }
    return { sentiment: round4(sentiment), label, confidence: round4(confidence), aspects, lang };
  }

  /** Adds logit shifts to probabilities, in place. */
  function shift(p: Float64Array, by: Float64Array): void {
    let z = 0;
    for (let k = 0; k < 3; k++) z += p[k] = p[k]! * Math.exp(by[k]!);
    for (let k = 0; k < 3; k++) p[k] = p[k]! / z;
  }

  function analyzeForeign(tk: Tokenized, lang: string): SentimentResult {
    const scored = scoreForeign(tk, lang);
    if (!scored) return unscored(lang);
    const norm = scored.score / Math.sqrt(scored.score * scored.score + 15);
    const label: SentimentLabel = norm >= 0.05 ? 'positive' : norm <= -0.05 ? 'negative' : 'neutral';
    // Lexicon-only: no labeled data to calibrate on, so confidence is a plain function of strength.
    const confidence = label === 'neutral' ? 0.5 : 0.5 + 0.4 * Math.abs(norm);
    return { sentiment: round4(norm), label, confidence: round4(confidence), aspects: [], lang };
  }

  function analyze(input: string, hints?: AnalyzeHints): SentimentResult {
    if (typeof input !== 'string') return unscored();
    const brand = hints?.brand === undefined ? undefined : brands.get(hints.brand);
    const text = brand?.ignore ? input.replace(brand.ignore, ' ') : input;
    const tk = tokenize(text);
    if (tk.words === 0 && !hasEmoji(tk)) return unscored();
    const lang = tk.words === 0 ? 'und' : detectLanguage(text, tk, hints?.lang);
    const taughtBy = hints?.brand === undefined ? undefined : learnt.get(hints.brand);
    const result =
      lang === 'en' || (lang === 'und' && tk.words === 0)
        ? analyzeEnglish(tk, brand, lang, taughtBy)
        : LEXICON_LANGUAGES.includes(lang)
          ? analyzeForeign(tk, lang)
          : unscored(lang);
    if (taughtBy === undefined) return result;
    // A text a user corrected keeps the corrected label, whatever the model says now.
    const corrected = taughtBy.exact.get(correctionKey(input));
    return corrected ? correctedResult(result, corrected) : result;
  }

  return {
    version,
    analyze(text, hints) {
      try {
        return analyze(text, hints);
      } catch {
        // Defensive: analyze() is documented never to throw; an unexpected input is declined instead.
        return unscored();
      }
    },
  };
}
