/**
 * The comparison baseline: natural's SentimentAnalyzer with the English AFINN vocabulary and natural's
 * word tokenizer, mapped to labels with fixed thresholds. Used by `earshot eval` and the benchmark only.
 */
import { createRequire } from 'node:module';
import type { SentimentAnalyzer } from '../core/sentiment.js';
import type { SentimentLabel } from '../core/mention.js';

// natural's package root loads optional storage back-ends (and dotenv, which prints to stdout), so
// the two modules needed are required by path.
const require = createRequire(import.meta.url);

interface NaturalSentiment {
  getSentiment(words: string[]): number;
}
type NaturalSentimentCtor = new (language: string, stemmer: unknown, type: string) => NaturalSentiment;
type NaturalTokenizerCtor = new () => { tokenize(text: string): string[] };

/** Scores at or beyond ±0.05 (natural's mean AFINN per word) are positive / negative. */
export const BASELINE_THRESHOLD = 0.05;

/** Creates the natural AFINN baseline analyzer (English only, no aspects, confidence 0.5 placeholder). */
export function createBaselineAnalyzer(): SentimentAnalyzer {
  const Analyzer = require('natural/lib/natural/sentiment/SentimentAnalyzer.js') as NaturalSentimentCtor;
  const Tokenizer = require('natural/lib/natural/tokenizers/aggressive_tokenizer.js') as NaturalTokenizerCtor;
  const analyzer = new Analyzer('English', undefined, 'afinn');
  const tokenizer = new Tokenizer();
  return {
    version: 'natural-afinn-baseline',
    analyze(text) {
      const words = typeof text === 'string' ? tokenizer.tokenize(text.toLowerCase()) : [];
      if (words.length === 0)
        return { sentiment: 0, label: 'unscored', confidence: 0, aspects: [], lang: 'und' };
      const raw = analyzer.getSentiment(words);
      const score = Number.isFinite(raw) ? raw : 0;
      const label: SentimentLabel =
        score >= BASELINE_THRESHOLD ? 'positive' : score <= -BASELINE_THRESHOLD ? 'negative' : 'neutral';
      return {
        sentiment: Math.max(-1, Math.min(1, score / 5)),
        label,
        confidence: 0.5,
        aspects: [],
        lang: 'en',
      };
    },
  };
}
