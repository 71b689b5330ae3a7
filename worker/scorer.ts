/**
 * The scorer the worker and the CLI build: every brand's config overrides plus every stored user correction
 * (storage/corrections.ts), so both compute the same scorer version.
 */
import type { EarshotConfig } from '../core/config/index.js';
import type { SentimentAnalyzer } from '../core/sentiment.js';
import { correctionsByBrand, createAnalyzer } from '../sentiment/index.js';
import type { CorrectionRecord } from '../storage/corrections.js';

/** The analyzer for `config` taught by `corrections` (the ones in force, `correctionsQuery()`). */
export function createScorer(
  config: Pick<EarshotConfig, 'brands'>,
  corrections: readonly CorrectionRecord[],
): SentimentAnalyzer {
  return createAnalyzer({
    brands: Object.fromEntries(config.brands.map((b) => [b.key, b.sentiment])),
    corrections: correctionsByBrand(corrections),
  });
}
