/**
 * The windowed scorer the held-out evaluation describes, as we read it (docs/alerts.md, "Evaluation"):
 * the first alert inside an incident window earns A_TP · σ(position), more the earlier it comes; later
 * alerts in the same window are free; an alert outside every window costs A_FP (less just after a window);
 * a window without an alert costs A_FN; alerts in the warm-up (first 15% of a series) are not scored.
 * The total is normalized to 100 for a perfect detector and 0 for one that never alerts.
 */

/** Weights of one scoring profile. */
export interface ScoringProfile {
  name: string;
  tp: number;
  fp: number;
  fn: number;
}

/** The three profiles we report. */
export const PROFILES: ScoringProfile[] = [
  { name: 'standard', tp: 1, fp: 0.11, fn: 1 },
  { name: 'reward low FP', tp: 1, fp: 0.22, fn: 1 },
  { name: 'reward low FN', tp: 1, fp: 0.11, fn: 2 },
];

/** A labelled window, bucket indices inclusive. */
export interface Window {
  start: number;
  end: number;
}

/** Outcome of one series under one profile. */
export interface SeriesScore {
  raw: number;
  perfect: number;
  none: number;
  /** For each window, the index of its first alert (or null). */
  detections: Array<number | null>;
  falsePositives: number;
}

/** σ of the relative position y: +1 well before the window end, 0 at it, → −1 after. */
export function scaledSigmoid(y: number): number {
  if (y > 3) return -1;
  return 2 / (1 + Math.exp(5 * y)) - 1;
}

/** Scores the alert flags of one series of `length` buckets against `windows`. */
export function scoreSeries(
  alerts: boolean[],
  windows: Window[],
  profile: ScoringProfile,
  probationFraction = 0.15,
): SeriesScore {
  const probation = Math.floor(alerts.length * probationFraction);
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  const detections: Array<number | null> = sorted.map(() => null);
  let raw = 0;
  let falsePositives = 0;
  for (let i = probation; i < alerts.length; i++) {
    if (!alerts[i]) continue;
    const w = sorted.findIndex((win) => i >= win.start && i <= win.end);
    if (w >= 0) {
      if (detections[w] !== null) continue;
      detections[w] = i;
      const win = sorted[w]!;
      const y = -(win.end - i + 1) / (win.end - win.start + 1);
      raw += profile.tp * scaledSigmoid(y);
      continue;
    }
    falsePositives++;
    let previous: Window | undefined;
    for (const win of sorted) if (win.end < i) previous = win;
    if (previous) {
      const y = (i - previous.end) / (previous.end - previous.start + 1);
      raw += profile.fp * scaledSigmoid(y);
    } else {
      raw -= profile.fp;
    }
  }
  for (const d of detections) if (d === null) raw -= profile.fn;
  const perfect = sorted.reduce((s) => s + profile.tp * scaledSigmoid(-1), 0);
  return { raw, perfect, none: -profile.fn * sorted.length, detections, falsePositives };
}

/** Normalized score over many series: 100 · (raw − none) / (perfect − none). */
export function normalizedScore(scores: SeriesScore[]): number {
  const raw = scores.reduce((s, x) => s + x.raw, 0);
  const perfect = scores.reduce((s, x) => s + x.perfect, 0);
  const none = scores.reduce((s, x) => s + x.none, 0);
  return perfect === none ? 0 : (100 * (raw - none)) / (perfect - none);
}
