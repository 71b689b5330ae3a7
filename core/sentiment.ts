/**
 * The sentiment engine's contract (DESIGN.md §4): synchronous, deterministic, fast.
 */
import type { SentimentResult } from './mention.js';

/** Optional context that helps scoring. */
export interface AnalyzeHints {
  /** Language declared by the source; the engine still detects its own. */
  lang?: string;
  /** Brand key, selecting that brand's overrides. */
  brand?: string;
}

/** Per-brand term overrides and ignored phrases (from config `brands[].sentiment`). */
export interface BrandSentimentOverrides {
  overrides: Record<string, number>;
  ignore: string[];
}

/** A ready-to-use analyzer. */
export interface SentimentAnalyzer {
  /** Scorer version stored with each mention; changes when the model or any brand override changes. */
  readonly version: string;
  analyze(text: string, hints?: AnalyzeHints): SentimentResult;
}
