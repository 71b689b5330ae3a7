/**
 * Earshot's local sentiment engine. Use {@link createAnalyzer} in the pipeline (its `version` goes into
 * every stored mention, so a change of model or brand overrides marks rows for rescoring), and
 * {@link createBaselineAnalyzer} only for side-by-side comparison.
 */
export { createAnalyzer, scorerVersion, unscored, type AnalyzerOptions } from './analyzer.js';
export { createBaselineAnalyzer } from './baseline.js';
export { ASPECTS, ASPECT_KEYWORDS } from './aspects.js';
export { LEXICON_LANGUAGES } from './foreign.js';
export { CLASSES, DEFAULT_MODEL_URL } from './model.js';
export { correctionsByBrand, type CorrectionExample } from './corrections.js';
