/**
 * Public API of the detectors: pure, causal, streaming, no I/O. The watch workflow, `earshot alerts
 * backtest` and `earshot alerts detect` use it; docs/alerts.md describes the algorithm and parameters.
 */
export type { AlertKind, Sensitivity, SeriesBucket, Verdict } from './types.js';
export { SENSITIVITY_PRESETS, resolveParams, type DetectorParams } from './params.js';
export { createDetector, type Detector, type DetectorOptions, type DetectorState } from './detector.js';
