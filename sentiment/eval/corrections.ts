/**
 * `earshot eval --corrections`: what user corrections teach, measured on a held-back part of them. Every
 * fourth correction (by a hash of its text, so the split is stable as corrections accumulate) is held back;
 * the analyzer is taught the others, and the held-back ones are scored with and without that teaching.
 */
import { readFileSync } from 'node:fs';
import type { SentimentAnalyzer } from '../../core/sentiment.js';
import { CORRECTED_LABELS, type CorrectedLabel } from '../../core/correction.js';
import type { CorrectionExample } from '../corrections.js';
import { fnv1a } from '../features.js';
import { accuracy, macroF1 } from './metrics.js';

/** A correction as the evaluation needs it. */
export interface BrandCorrection extends CorrectionExample {
  brand: string;
}

/** Reads `brand <TAB> label <TAB> text` lines (header first), e.g. sentiment/data/dev/corrections-example.tsv. */
export function readCorrectionsFile(path: string): BrandCorrection[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      const [brand = '', label = '', ...text] = line.split('\t');
      if (!(CORRECTED_LABELS as readonly string[]).includes(label))
        throw new Error(`${path}:${i + 2}: expected "<brand><TAB><negative|neutral|positive><TAB><text>"`);
      return { brand, label: label as CorrectedLabel, text: text.join('\t') };
    });
}

/** Held back: one in four, by text. */
export const isHeldBack = (c: { text: string }): boolean => fnv1a(c.text) % 4 === 0;

/** Figures of one analyzer on the held-back corrections. */
export interface CorrectionFigures {
  accuracy: number;
  macroF1: number;
}

/** The comparison `earshot eval --corrections` prints. */
export interface CorrectionsReport {
  taught: number;
  heldBack: number;
  brands: number;
  before: CorrectionFigures;
  after: CorrectionFigures;
}

const INDEX: Record<string, number> = { negative: 0, neutral: 1, positive: 2, unscored: 1 };

/**
 * Scores the held-back corrections with `untaught` and with `teach(taught corrections per brand)`.
 */
export function evaluateCorrections(
  corrections: readonly BrandCorrection[],
  untaught: SentimentAnalyzer,
  teach: (byBrand: Record<string, CorrectionExample[]>) => SentimentAnalyzer,
): CorrectionsReport {
  const held = corrections.filter(isHeldBack);
  const byBrand: Record<string, CorrectionExample[]> = {};
  let taught = 0;
  for (const c of corrections) {
    if (isHeldBack(c)) continue;
    (byBrand[c.brand] ??= []).push({
      text: c.text,
      label: c.label,
      ...(c.aspects ? { aspects: c.aspects } : {}),
    });
    taught++;
  }
  const taughtAnalyzer = teach(byBrand);
  const gold = held.map((c) => INDEX[c.label]!);
  const figures = (a: SentimentAnalyzer): CorrectionFigures => {
    const pred = held.map((c) => INDEX[a.analyze(c.text, { brand: c.brand }).label]!);
    return { accuracy: accuracy(gold, pred), macroF1: macroF1(gold, pred, 3) };
  };
  return {
    taught,
    heldBack: held.length,
    brands: new Set(corrections.map((c) => c.brand)).size,
    before: figures(untaught),
    after: figures(taughtAnalyzer),
  };
}
