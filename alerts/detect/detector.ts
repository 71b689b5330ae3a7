/**
 * `createDetector`: one streaming, causal detector per series. Each `step` uses only the buckets given so
 * far; `snapshot()` returns a bounded JSON state from which a new detector continues exactly as if it had
 * never stopped. The algorithm is described in docs/alerts.md, "Detection algorithm".
 */
import { baselineRates, expectAt, learn, newBaseline, warmMean, type BaselineState } from './baseline.js';
import { createCalendar } from './calendar.js';
import { binomialUpperTail, nbDevianceResidual, nbLogZeroProbability } from './count-stats.js';
import { advance, newIncident, type IncidentState } from './incident.js';
import { resolveParams, type DetectorParams } from './params.js';
import { describeStrength } from './strength.js';
import type { AlertKind, SeriesBucket, Sensitivity, Verdict } from './types.js';
import { pushWindow, sumWindow, type WindowEntry, type WindowSums } from './window.js';

/** JSON-serializable, bounded state of a detector (persisted by the watch workflow between runs). */
export interface DetectorState {
  version: 1;
  kind: AlertKind;
  intervalMs: number;
  baseline: BaselineState;
  /** Buckets seen (missing ones excluded). */
  seen: number;
  lastStart: number | null;
  /** One-sided CUSUM of the residuals (upward for spikes, downward for drops). */
  cusum: number;
  window: WindowEntry[];
  incident: IncidentState;
  /** Exponentially decayed sums of count and total: the baseline share. */
  share: { count: number; total: number };
  /** The current run of empty buckets (silence). */
  empty: { since: number | null; expected: number; logProbability: number };
}

/** A streaming detector over one series. */
export interface Detector {
  /** The verdict for the next bucket (buckets in time order). */
  step(bucket: SeriesBucket): Verdict;
  /** The state to persist; give it to `createDetector` to continue. */
  snapshot(): DetectorState;
}

/** How to build a detector. */
export interface DetectorOptions {
  /** Bucket length in ms (5 minutes for the watch workflow). */
  intervalMs: number;
  sensitivity?: Sensitivity;
  /** Per-brand overrides on top of the preset. */
  params?: Partial<DetectorParams>;
  /** IANA zone whose days and hours the baseline learns (UTC by default). */
  timeZone?: string;
}

/** Largest count the detectors take as given. */
const MAX_COUNT = 1e15;

const clamp01 = (v: number): number => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);

/**
 * A detector of `kind` over buckets of `options.intervalMs`, new or continuing from `state`.
 * Throws a RangeError when `state` belongs to another kind or interval, or the time zone is unknown.
 */
export function createDetector(kind: AlertKind, options: DetectorOptions, state?: DetectorState): Detector {
  const { intervalMs } = options;
  if (!(intervalMs > 0))
    throw new RangeError(`intervalMs must be a positive number of ms, got ${intervalMs}`);
  if (state && (state.kind !== kind || state.intervalMs !== intervalMs || state.version !== 1)) {
    throw new RangeError(
      `detector state is for ${state.kind} at ${state.intervalMs} ms, not ${kind} at ${intervalMs} ms: start a new state`,
    );
  }
  const p = resolveParams(kind, options.sensitivity, options.params);
  const rates = baselineRates(p, intervalMs);
  const calendar = createCalendar(options.timeZone);
  const minute = 60_000;
  const windowSize = Math.max(1, Math.round((p.windowMinutes * minute) / intervalMs));
  const dropWindowSize = Math.max(windowSize, Math.round((120 * minute) / intervalMs));
  const newNormalMs = p.levelHalfLifeHours * 3_600_000;
  const persistBuckets = Math.max(1, Math.round((p.persistenceMinutes * minute) / intervalMs));
  const cap = p.drift + p.threshold / persistBuckets;
  const quietBuckets = Math.round((p.quietHours * 3_600_000) / intervalMs);
  const shareDecay = Math.pow(2, -intervalMs / (p.shareHalfLifeHours * 3_600_000));
  const timing = {
    resolveMs: kind === 'silence' ? 0 : p.resolveMinutes * minute,
    cooldownMs: p.cooldownMinutes * minute,
    intervalMs,
  };
  const isSpike = kind === 'volume_spike' || kind === 'negative_spike' || kind === 'aspect_spike';
  const s: DetectorState = state
    ? structuredClone(state)
    : {
        version: 1,
        kind,
        intervalMs,
        baseline: newBaseline(),
        seen: 0,
        lastStart: null,
        cusum: 0,
        window: [],
        incident: newIncident(),
        share: { count: 0, total: 0 },
        empty: { since: null, expected: 0, logProbability: 0 },
      };

  const neutral = (start: number, expected: number): Verdict => ({
    start,
    score: 0,
    alert: false,
    firing: s.incident.firing,
    resolved: false,
    observed: 0,
    expected,
    spread: 0,
    severity: 0,
    strength: '',
  });

  /** Share test: is the window's share of `count` in `total` significantly above the baseline share? */
  const shareElevated = (w: WindowSums): boolean => {
    if (!w.hasTotal || w.total <= 0) return true;
    const base = (s.share.count + 0.1) / (s.share.total + 1);
    const design = 1 + (w.total - 1) * p.shareOverdispersion;
    const n = w.total / design;
    const k = w.observed / design;
    return w.observed / w.total > base && binomialUpperTail(k, n, base) <= p.shareAlpha;
  };

  function step(bucket: SeriesBucket): Verdict {
    const { start } = bucket;
    if (!Number.isFinite(bucket.count) || bucket.count < 0) return neutral(start, 0);
    // Beyond 10^15 a count is as big as the model goes (the baseline's mean is capped there).
    const count = Math.min(bucket.count, MAX_COUNT);
    if (s.lastStart !== null && start - s.lastStart > p.maxGapMinutes * minute) {
      s.cusum = 0;
      s.window = [];
      s.empty = { since: null, expected: 0, logProbability: 0 };
    }
    s.lastStart = start;
    const mow = calendar.minuteOfWeek(start + intervalMs / 2);
    const total = bucket.total !== undefined && Number.isFinite(bucket.total) ? bucket.total : NaN;
    const e = expectAt(s.baseline, mow);
    s.seen++;
    if (!e) {
      learn(s.baseline, rates, mow, count);
      if (!Number.isNaN(total)) learnShare(count, total);
      return neutral(start, warmMean(s.baseline));
    }
    pushWindow(
      s.window,
      [start, count, e.mean, e.variance, total],
      kind === 'drop' ? dropWindowSize : windowSize,
    );
    const w = sumWindow(s.window, windowSize);
    const z = nbDevianceResidual(count, e.mean, e.phi);
    const settled = s.seen > quietBuckets;

    let trigger = false;
    let calm = true;
    let evidence = 0; // 0..1 toward the threshold
    let learnScale = 1;
    let drop = w;
    if (isSpike || kind === 'drop') {
      const signed = isSpike ? z : -z;
      s.cusum = Math.min(1.25 * p.threshold, Math.max(0, s.cusum + Math.min(signed, cap) - p.drift));
      evidence = s.cusum / p.threshold;
      // Calm: the evidence has drained below the hysteresis level, or the last window is back to normal.
      const back = isSpike ? w.observed <= w.expected + w.spread : w.observed >= w.expected - w.spread;
      calm = s.cusum < p.hysteresis * p.threshold || back;
      if (isSpike) {
        trigger =
          evidence >= 1 &&
          w.observed >= p.minCount &&
          w.observed >= p.minRatio * w.expected &&
          shareElevated(w);
      } else {
        // Judged over the last 15 minutes, or longer (up to 2 hours) until enough was expected to tell.
        drop = sumWindow(s.window, windowSize, p.dropMinExpected);
        // Nothing at all is the silence detector's incident, not a drop.
        trigger =
          evidence >= 1 &&
          drop.observed > 0 &&
          drop.expected >= p.dropMinExpected &&
          drop.observed <= p.dropRatio * drop.expected;
      }
      // An open incident is not the new normal yet: learn from it slowly, for a quarter of the level's
      // half-life; an incident still open after that is taken as a level shift and learned at full rate.
      if (s.incident.firing && start - (s.incident.openedAt ?? start) < newNormalMs) learnScale = 0.25;
    } else {
      // silence: the probability of the current run of empty buckets under the baseline
      if (count === 0) {
        s.empty.since ??= start;
        s.empty.expected += e.mean;
        s.empty.logProbability += nbLogZeroProbability(e.mean, e.phi);
      } else {
        s.empty = { since: null, expected: 0, logProbability: 0 };
      }
      const limit = Math.log(p.silenceProbability);
      evidence = s.empty.expected >= p.silenceMinExpected ? clamp01(s.empty.logProbability / limit) : 0;
      const long = s.empty.since !== null && start + intervalMs - s.empty.since >= p.silenceMinutes * minute;
      trigger = long && s.empty.logProbability <= limit && s.empty.expected >= p.silenceMinExpected;
      calm = count > 0;
      // An empty run already unlikely says nothing about the normal level: don't learn from it.
      if (count === 0 && s.empty.logProbability < Math.log(0.01)) learnScale = 0;
    }

    const t = advance(s.incident, start, trigger && settled, calm, timing);
    // A closed incident leaves no evidence behind to re-open it the moment the cooldown ends.
    if (t.resolved) s.cusum = 0;
    if (learnScale > 0) learn(s.baseline, rates, mow, count, learnScale, s.cusum === 0);
    if (!Number.isNaN(total) && !(isSpike && s.incident.firing)) learnShare(count, total);

    let shown: WindowSums = w;
    if (kind === 'silence' && s.empty.since !== null) {
      shown = {
        ...w,
        from: s.empty.since,
        observed: 0,
        expected: s.empty.expected,
        spread: Math.sqrt(s.empty.expected),
      };
    } else if (kind === 'drop') {
      shown = drop;
    }
    const severity = severityOf(kind, shown);
    const score = t.alert ? 0.5 + 0.5 * severity : 0.499 * clamp01(evidence);
    return {
      start,
      score,
      alert: t.alert,
      firing: t.firing,
      resolved: t.resolved,
      observed: shown.observed,
      expected: shown.expected,
      spread: shown.spread,
      severity,
      strength: describeStrength(kind, shown, calendar.label(shown.from), {
        baseShare: (s.share.count + 0.1) / (s.share.total + 1),
        minutes: Math.round(((start + intervalMs - shown.from) / minute) * 10) / 10,
      }),
    };
  }

  function learnShare(count: number, total: number): void {
    const base = (s.share.count + 0.1) / (s.share.total + 1);
    // Clip the count to a generous upper bound of the baseline share so one bad hour cannot move it far.
    const bound = total * base + 3 * Math.sqrt(total * base * (1 - base)) + 1;
    s.share.count = s.share.count * shareDecay + Math.min(count, bound, total);
    s.share.total = s.share.total * shareDecay + total;
  }

  return { step, snapshot: () => structuredClone(s) };
}

function severityOf(kind: AlertKind, w: WindowSums): number {
  if (w.expected <= 0 && w.observed <= 0) return 0;
  const z = w.spread > 0 ? (w.observed - w.expected) / w.spread : 0;
  if (kind === 'silence') return clamp01(Math.sqrt(w.expected / 100));
  if (kind === 'drop') return Math.sqrt(clamp01(1 - w.observed / w.expected) * clamp01(-z / 10));
  const ratio = (w.observed + 0.5) / (w.expected + 0.5);
  return Math.sqrt(clamp01(Math.log10(ratio)) * clamp01(z / 10));
}
