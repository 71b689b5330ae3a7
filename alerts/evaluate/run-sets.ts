/**
 * Runs detectors over the synthetic dev or test set and tallies the figures of docs/alerts.md: normalized
 * score per profile, recall per incident shape, false alerts per week, delay of the first alert.
 */
import { createDetector, type AlertKind, type DetectorParams, type Sensitivity } from '../detect/index.js';
import {
  generateSeries,
  type Difficulty,
  type IncidentShape,
  type SyntheticSeries,
  type Track,
} from './generate.js';
import { PROFILES, normalizedScore, scoreSeries, type SeriesScore } from './score.js';

/** Seeds of the two sets: tune on dev, report test; they never share a series. */
export const SETS = { dev: 1001, test: 2002 } as const;
/** Series per set and track. */
export const SERIES_PER_SET = 24;

/** Figures of one detector configuration on one set and track. */
export interface SetResult {
  scores: Record<string, number>;
  recall: Partial<Record<IncidentShape, { found: number; total: number }>>;
  falsePerWeek: number;
  medianDelayMinutes: number | null;
  series: number;
  incidents: number;
}

/** The series of a set and track (deterministic). */
export function seriesOf(
  set: keyof typeof SETS,
  track: Track,
  difficulty: Difficulty = 'standard',
): SyntheticSeries[] {
  return Array.from({ length: SERIES_PER_SET }, (_, i) =>
    generateSeries(SETS[set], i, track, 60, difficulty),
  );
}

/** Alert flags of `kinds` (any of them alerting) over a series. */
export function alertsOf(
  series: SyntheticSeries,
  kinds: AlertKind[],
  sensitivity: Sensitivity,
  params: Partial<DetectorParams> = {},
): boolean[] {
  const detectors = kinds.map((k) =>
    createDetector(k, { intervalMs: series.intervalMs, sensitivity, params }),
  );
  return series.counts.map((count, i) => {
    let alert = false;
    for (const d of detectors) alert = d.step({ start: series.starts[i]!, count }).alert || alert;
    return alert;
  });
}

/** Evaluates over `series`. */
export function evaluate(
  series: SyntheticSeries[],
  kinds: AlertKind[],
  sensitivity: Sensitivity,
  params: Partial<DetectorParams> = {},
): SetResult {
  const perProfile: Record<string, SeriesScore[]> = {};
  const recall: SetResult['recall'] = {};
  let falsePositives = 0;
  let scoredBuckets = 0;
  const delays: number[] = [];
  let incidents = 0;
  for (const s of series) {
    const flags = alertsOf(s, kinds, sensitivity, params);
    const windows = s.incidents.map((w) => ({ start: w.windowStart, end: w.windowEnd }));
    for (const profile of PROFILES)
      (perProfile[profile.name] ??= []).push(scoreSeries(flags, windows, profile));
    const standard = perProfile[PROFILES[0]!.name]!.at(-1)!;
    falsePositives += standard.falsePositives;
    scoredBuckets += s.counts.length - Math.floor(s.counts.length * 0.15);
    s.incidents.forEach((inc, k) => {
      incidents++;
      const r = (recall[inc.shape] ??= { found: 0, total: 0 });
      r.total++;
      const at = standard.detections[k];
      if (at !== null && at !== undefined) {
        r.found++;
        delays.push(((at - inc.onset) * s.intervalMs) / 60_000);
      }
    });
  }
  delays.sort((a, b) => a - b);
  const weeks = (scoredBuckets * series[0]!.intervalMs) / (7 * 86_400_000);
  return {
    scores: Object.fromEntries(Object.entries(perProfile).map(([k, v]) => [k, normalizedScore(v)])),
    recall,
    falsePerWeek: falsePositives / weeks,
    medianDelayMinutes: delays.length ? delays[Math.floor(delays.length / 2)]! : null,
    series: series.length,
    incidents,
  };
}
