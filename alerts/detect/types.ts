/**
 * The detectors' contract: what goes in (one bucket of a series), what comes out (one verdict per bucket),
 * and the kinds of alert. The spike-watch workflow, `earshot alerts backtest` and `earshot alerts detect`
 * all drive detectors through this contract (docs/alerts.md, "Detection algorithm").
 */

/** What a detector watches for. */
export type AlertKind = 'volume_spike' | 'negative_spike' | 'aspect_spike' | 'drop' | 'silence';

/** Preset of thresholds; `medium` is the default. */
export type Sensitivity = 'low' | 'medium' | 'high';

/** One bucket of a series, given to `Detector.step` in time order, one per interval (zeros included). */
export interface SeriesBucket {
  /** Epoch ms of the bucket start. */
  start: number;
  /**
   * Volume, negatives or aspect mentions, depending on the detector. `NaN` marks a missing measurement:
   * the verdict is neutral and the detector learns nothing from it.
   */
  count: number;
  /** Denominator for the share test of `negative_spike` / `aspect_spike` (all mentions of the bucket). */
  total?: number;
}

/** A detector's answer for one bucket. */
export interface Verdict {
  start: number;
  /** 0..1 anomaly score: at least 0.5 exactly on the bucket where an alert opens, below 0.5 otherwise. */
  score: number;
  /** True only on the bucket where an incident opens (one per incident). */
  alert: boolean;
  /** The incident is open after this bucket. */
  firing: boolean;
  /** True only on the bucket where an open incident closes. */
  resolved: boolean;
  /** Count observed over the detector's evidence window (the last `windowMinutes`). */
  observed: number;
  /** Baseline count expected over the same window. */
  expected: number;
  /** One standard deviation of the count over the window under the baseline's noise model. */
  spread: number;
  /** 0..1, how far beyond the baseline (magnitude and significance together). */
  severity: number;
  /** Person-readable, e.g. "41 in the last 15 min, 6.8× the usual for a Tuesday 10:00 (6 ± 2)". */
  strength: string;
}
