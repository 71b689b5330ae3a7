/**
 * What user corrections teach the engine, per brand (issue 13): every corrected text keeps its corrected
 * label (and aspect labels) when that brand's mention is scored again, and words that corrections of one brand
 * keep pointing to one label (≥ 2 corrections, ≥ 75 % agreeing) shift the logits of that brand's similar
 * mentions. Both are part of the scorer version, so a new correction makes the resumable rescoring re-score
 * stored mentions with them. Storage keeps the corrections (storage/corrections.ts); this module only learns.
 */
import type { CorrectedLabel } from '../core/correction.js';
import { shortHash } from './model.js';
import { Kind, tokenize, type Token } from './text.js';

/** One correction as the engine learns from it. */
export interface CorrectionExample {
  /** Scored text (title and body, as at ingest). */
  text: string;
  label: CorrectedLabel;
  /** Aspect id → corrected label of that aspect. */
  aspects?: Record<string, CorrectedLabel>;
}

/**
 * Logit shift per agreeing correction of a learnt term (capped at {@link MAX_SHIFT}; at most {@link MAX_TERMS}
 * terms count per text). Strong on purpose: a term users keep correcting is one the model reads wrong for that
 * brand (a skate brand's "sick" scores P(negative) 0.94 untaught).
 */
export const TERM_SHIFT = 1.6;
const MAX_SHIFT = 6;
const MAX_TERMS = 2;
const MIN_SUPPORT = 2;
const MIN_SHARE = 0.75;
const CLASS: Record<CorrectedLabel, number> = { negative: 0, neutral: 1, positive: 2 };

/** Words too common to say anything about one brand's mentions. */
const STOP = new Set(
  (
    'the a an and or but to of in on at for with from by is are was were be been am i me my you your we our ' +
    'it its this that these those they them their he she his her so as if then than there here just not no ' +
    'do does did have has had will would can could should what when where which who how why all any some ' +
    'about up out into over again more most very too also only own same other such get got im its'
  ).split(' '),
);

const isTerm = (t: Token): boolean =>
  t.kind === Kind.Word && t.text.length >= 3 && !STOP.has(t.text) && !/^\d/.test(t.text);

/** Normalized key of a text: its word and emoji tokens, lower-cased (URLs, @handles, punctuation dropped). */
export function correctionKey(text: string): string {
  const out: string[] = [];
  for (const t of tokenize(text).tokens) if (t.kind === Kind.Word || t.kind === Kind.Emoji) out.push(t.text);
  return out.join(' ');
}

/** What one brand's corrections teach: exact texts, and terms that point to a label. */
export interface BrandCorrections {
  exact: Map<string, CorrectionExample>;
  /** Term → class index it points to and the logit shift it adds there. */
  terms: Map<string, { k: number; shift: number }>;
}

/** Learns one brand's corrections (the last correction of a text wins). */
export function learnCorrections(examples: readonly CorrectionExample[]): BrandCorrections {
  const exact = new Map<string, CorrectionExample>();
  for (const ex of examples) exact.set(correctionKey(ex.text), ex);
  const counts = new Map<string, [number, number, number]>();
  for (const ex of exact.values()) {
    const seen = new Set<string>();
    for (const t of tokenize(ex.text).tokens) if (isTerm(t)) seen.add(t.text);
    for (const term of seen) {
      const c = counts.get(term) ?? [0, 0, 0];
      c[CLASS[ex.label]]! += 1;
      counts.set(term, c);
    }
  }
  const terms = new Map<string, { k: number; shift: number }>();
  for (const [term, c] of counts) {
    const n = c[0] + c[1] + c[2];
    const best = c[0] >= c[1] && c[0] >= c[2] ? 0 : c[1] >= c[2] ? 1 : 2;
    if (n >= MIN_SUPPORT && c[best]! / n >= MIN_SHARE)
      terms.set(term, { k: best, shift: Math.min(MAX_SHIFT, TERM_SHIFT * c[best]!) });
  }
  return { exact, terms };
}

/** Version suffix of every brand's corrections (canonical: brands, texts and labels sorted). */
export function correctionsHash(byBrand: Record<string, readonly CorrectionExample[]>): string | undefined {
  const brands = Object.keys(byBrand)
    .filter((b) => byBrand[b]!.length > 0)
    .sort();
  if (brands.length === 0) return undefined;
  const canonical = brands.map((b) => {
    const learnt = learnCorrections(byBrand[b]!);
    return [
      b,
      [...learnt.exact]
        .map(([k, ex]) => [k, ex.label, Object.entries(ex.aspects ?? {}).sort()])
        .sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1)),
    ];
  });
  return shortHash(JSON.stringify(canonical));
}

/** Logit shifts (negative, neutral, positive) of the brand's learnt terms found in `tokens`. */
export function termShifts(learnt: BrandCorrections, tokens: readonly Token[], out: Float64Array): boolean {
  out.fill(0);
  if (learnt.terms.size === 0) return false;
  let used = 0;
  const seen = new Set<string>();
  for (const t of tokens) {
    if (used >= MAX_TERMS) break;
    if (!isTerm(t) || seen.has(t.text)) continue;
    seen.add(t.text);
    const learntTerm = learnt.terms.get(t.text);
    if (learntTerm === undefined) continue;
    out[learntTerm.k]! += learntTerm.shift;
    used++;
  }
  return used > 0;
}

/** Stored corrections (storage's `CorrectionRecord` rows) grouped per brand, as `createAnalyzer` takes them. */
export function correctionsByBrand(
  records: ReadonlyArray<{
    brand: string;
    text: string;
    new_label: CorrectedLabel;
    new_aspects: Readonly<Record<string, CorrectedLabel>>;
  }>,
): Record<string, CorrectionExample[]> {
  const out: Record<string, CorrectionExample[]> = {};
  for (const r of records)
    (out[r.brand] ??= []).push({ text: r.text, label: r.new_label, aspects: { ...r.new_aspects } });
  return out;
}
