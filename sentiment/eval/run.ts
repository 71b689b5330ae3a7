/**
 * Scores labeled sets with one or more analyzers and computes the metrics `earshot eval` prints:
 * 3-class accuracy, macro-F1 and per-class recall, and binary accuracy on the positive/negative items.
 */
import type { SentimentAnalyzer } from '../../core/sentiment.js';
import type { SentimentLabel } from '../../core/mention.js';
import type { EvalSet } from './dev-sets.js';
import { accuracy, macroF1, recalls } from './metrics.js';

/** Metrics of one analyzer on one set (or on all sets pooled). */
export interface EvalMetrics {
  n: number;
  accuracy: number;
  macroF1: number;
  /** Recall of negative, neutral, positive (NaN when the class is absent). */
  recall: [number, number, number];
  /** Accuracy on gold positive/negative items, predicting by the sign of `sentiment`. */
  binaryAccuracy: number;
  /** Items the analyzer declined (`unscored`), counted as neutral above. */
  unscored: number;
}

/** Metrics per set and pooled, for each analyzer (keyed by the caller's name). */
export interface EvalReport {
  sets: Array<{ name: string; lang: string; results: Record<string, EvalMetrics> }>;
  overall: Record<string, EvalMetrics>;
}

const INDEX: Record<SentimentLabel, number> = { negative: 0, neutral: 1, positive: 2, unscored: 1 };

interface Scored {
  gold: number[];
  pred: number[];
  sign: number[];
  unscored: number;
}

function metrics(s: Scored): EvalMetrics {
  const bin = s.gold.map((g, i) => [g, s.sign[i]!] as const).filter(([g]) => g !== 1);
  const binOk = bin.filter(([g, sign]) => (g === 2 ? sign > 0 : sign < 0)).length;
  const [neg = NaN, neu = NaN, pos = NaN] = recalls(s.gold, s.pred, 3);
  return {
    n: s.gold.length,
    accuracy: accuracy(s.gold, s.pred),
    macroF1: macroF1(s.gold, s.pred, 3),
    recall: [neg, neu, pos],
    binaryAccuracy: bin.length ? binOk / bin.length : NaN,
    unscored: s.unscored,
  };
}

/** Runs every analyzer over every set. */
export function evaluate(sets: readonly EvalSet[], analyzers: Record<string, SentimentAnalyzer>): EvalReport {
  const pooled: Record<string, Scored> = {};
  const report: EvalReport = { sets: [], overall: {} };
  for (const set of sets) {
    const results: Record<string, EvalMetrics> = {};
    for (const [name, analyzer] of Object.entries(analyzers)) {
      const s: Scored = { gold: [], pred: [], sign: [], unscored: 0 };
      const all = (pooled[name] ??= { gold: [], pred: [], sign: [], unscored: 0 });
      for (const item of set.items) {
        const r = analyzer.analyze(item.text);
        const pred = INDEX[r.label];
        for (const target of [s, all]) {
          target.gold.push(item.label);
          target.pred.push(pred);
          target.sign.push(r.sentiment);
          if (r.label === 'unscored') target.unscored++;
        }
      }
      results[name] = metrics(s);
    }
    report.sets.push({ name: set.name, lang: set.lang, results });
  }
  for (const [name, s] of Object.entries(pooled)) report.overall[name] = metrics(s);
  return report;
}
