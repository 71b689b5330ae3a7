/**
 * User corrections of a mention's sentiment (issue 13): the contract shared by storage (which records them and
 * keeps stored labels following them) and the sentiment engine (which learns from them per brand).
 */
import type { AspectScore, Mention, SentimentLabel } from './mention.js';

/** Labels a user may give. */
export type CorrectedLabel = Exclude<SentimentLabel, 'unscored'>;

/** The labels a user may give, in a stable order. */
export const CORRECTED_LABELS: readonly CorrectedLabel[] = ['negative', 'neutral', 'positive'];

/** What a user says about one stored mention. */
export interface CorrectionInput {
  /** Configured source instance id (`sources[].id`) or the connector type when only one source has it. */
  source: string;
  native_id: string;
  brand: string;
  label: CorrectedLabel;
  /** Aspect id → corrected label of that aspect (an aspect the engine missed is added). */
  aspects?: Record<string, CorrectedLabel>;
  /** Who corrected it (user name, e-mail, `cli:<os user>`). */
  by: string;
  /** Where the correction came from: `cli`, `web`, … */
  via: string;
}

/** Score consistent with a corrected label: the model's own when its sign agrees, else a clear ±0.5 / 0. */
export function scoreForLabel(label: CorrectedLabel, score: number): number {
  if (label === 'negative') return score < 0 ? score : -0.5;
  if (label === 'positive') return score > 0 ? score : 0.5;
  return Math.abs(score) < 0.2 ? score : 0;
}

/** Aspects with the corrected aspect labels applied (an aspect missing from `aspects` is added). */
export function correctedAspects(
  aspects: readonly AspectScore[],
  labels: Readonly<Record<string, CorrectedLabel>> | undefined,
): AspectScore[] {
  if (!labels) return [...aspects];
  const out = aspects.map((a) => {
    const l = labels[a.aspect];
    return l ? { aspect: a.aspect, sentiment: scoreForLabel(l, a.sentiment) } : a;
  });
  for (const [aspect, label] of Object.entries(labels))
    if (!out.some((a) => a.aspect === aspect)) out.push({ aspect, sentiment: scoreForLabel(label, 0) });
  return out;
}

/** A mention as a correction makes it: the corrected label, a consistent score, confidence 1 (a person said so). */
export function applyCorrection<T extends Pick<Mention, 'label' | 'sentiment' | 'confidence' | 'aspects'>>(
  mention: T,
  correction: { label: CorrectedLabel; aspects?: Readonly<Record<string, CorrectedLabel>> | undefined },
): T {
  return {
    ...mention,
    label: correction.label,
    sentiment: scoreForLabel(correction.label, mention.sentiment),
    confidence: 1,
    aspects: correctedAspects(mention.aspects, correction.aspects),
  };
}
