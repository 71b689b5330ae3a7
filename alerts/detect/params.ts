/**
 * Every tunable of the detectors and the three sensitivity presets. The numbers and why they are what
 * they are: docs/alerts.md, "Parameters and sensitivity presets".
 */
import type { AlertKind, Sensitivity } from './types.js';

/** Tunables of all detectors (a detector reads the ones of its kind). Durations are in wall-clock units. */
export interface DetectorParams {
  // Baseline (shared by every kind)
  /** Buckets of the first hours only fit the baseline (batch start); no verdict alerts before `quietHours`. */
  warmupHours: number;
  /** No alert during the first hours of a series (baseline and noise still settling). */
  quietHours: number;
  /** Half-life of the level (how fast the baseline follows a new normal). */
  levelHalfLifeHours: number;
  /** Half-life of the trend (slope of the log level). */
  trendHalfLifeHours: number;
  /** Half-life, in days of data, of the time-of-day profile. */
  dailyHalfLifeDays: number;
  /** Half-life, in weeks of data, of the hour-of-week correction. */
  weeklyHalfLifeWeeks: number;
  /** Half-life of the overdispersion estimate. */
  dispersionHalfLifeHours: number;
  /** Huber clip of the Pearson residual in every baseline update: bounds what one bucket can teach. */
  huber: number;
  /** Evidence window: observed / expected / spread and the share test cover the last this many minutes. */
  windowMinutes: number;
  /** A gap in the data longer than this restarts the evidence (CUSUM and window). */
  maxGapMinutes: number;

  // Spikes (volume_spike, negative_spike, aspect_spike): one-sided CUSUM on count residuals
  /** CUSUM reference value k: residuals (in standard deviations) below it count as normal. */
  drift: number;
  /** CUSUM decision threshold h: accumulated excess that opens an incident. */
  threshold: number;
  /**
   * Persistence: the shortest excess that can open an incident. One bucket's residual is capped at
   * drift + threshold / (persistence in buckets), so a one-bucket blip, however tall, never alerts alone.
   */
  persistenceMinutes: number;
  /** Minimum count in the evidence window for an alert (no alerts on a handful of mentions). */
  minCount: number;
  /** Minimum observed / expected ratio over the window (no alerts on a statistically sure +10%). */
  minRatio: number;

  // Share test (negative_spike, aspect_spike when `total` is given)
  /** One-sided p-value the window share must beat against the baseline share. */
  shareAlpha: number;
  /** Intra-bucket correlation of mentions (beta-binomial design effect) used by the share test. */
  shareOverdispersion: number;
  /** Half-life of the baseline share. */
  shareHalfLifeHours: number;

  // Drop (volume far below the expected)
  /** Maximum observed / expected ratio over the window for a drop. */
  dropRatio: number;
  /** Minimum expected count in the window: below it a drop is indistinguishable from noise. */
  dropMinExpected: number;

  // Silence (no data where data is expected)
  /** Minimum length of an empty run before it can alert. */
  silenceMinutes: number;
  /** Minimum count the baseline expected during the empty run. */
  silenceMinExpected: number;
  /** The empty run must be less likely than this under the baseline. */
  silenceProbability: number;

  // Incident life cycle (every kind)
  /** Fraction of `threshold` the evidence must fall below to count as calm (hysteresis). */
  hysteresis: number;
  /** Calm this long closes the incident (one resolve per incident). */
  resolveMinutes: number;
  /** After a resolve, no new alert of this detector for this long. */
  cooldownMinutes: number;
}

const BASE: DetectorParams = {
  warmupHours: 24,
  quietHours: 48,
  levelHalfLifeHours: 24,
  trendHalfLifeHours: 72,
  dailyHalfLifeDays: 4,
  weeklyHalfLifeWeeks: 2,
  dispersionHalfLifeHours: 72,
  huber: 2.5,
  windowMinutes: 15,
  maxGapMinutes: 360,
  drift: 0.5,
  threshold: 12,
  persistenceMinutes: 30,
  minCount: 8,
  minRatio: 1.8,
  shareAlpha: 0.001,
  shareOverdispersion: 0.01,
  shareHalfLifeHours: 72,
  dropRatio: 0.3,
  dropMinExpected: 20,
  silenceMinutes: 30,
  silenceMinExpected: 10,
  silenceProbability: 1e-6,
  hysteresis: 0.3,
  resolveMinutes: 30,
  cooldownMinutes: 180,
};

/** The presets. `medium` is the default and what `earshot alerts detect` uses unless told otherwise. */
export const SENSITIVITY_PRESETS: Record<Sensitivity, DetectorParams> = {
  low: {
    ...BASE,
    drift: 0.75,
    threshold: 16,
    persistenceMinutes: 45,
    minCount: 12,
    minRatio: 2.5,
    shareAlpha: 1e-4,
    dropRatio: 0.2,
    silenceProbability: 1e-9,
    cooldownMinutes: 360,
  },
  medium: BASE,
  high: {
    ...BASE,
    drift: 0.5,
    threshold: 8,
    persistenceMinutes: 20,
    minCount: 5,
    minRatio: 1.5,
    shareAlpha: 0.01,
    dropRatio: 0.4,
    silenceProbability: 1e-4,
    cooldownMinutes: 90,
  },
};

/** Preset for `sensitivity`, with `overrides` (a brand's own numbers) on top. */
export function resolveParams(
  _kind: AlertKind,
  sensitivity: Sensitivity = 'medium',
  overrides: Partial<DetectorParams> = {},
): DetectorParams {
  return { ...SENSITIVITY_PRESETS[sensitivity], ...overrides };
}
