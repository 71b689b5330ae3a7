/**
 * The robust seasonal baseline every detector shares: expected count of a bucket =
 * exp(level + trend + time-of-day profile + hour-of-week correction), negative-binomial noise around it.
 *
 * It starts with a batch fit over the first `warmupHours` (hourly means, shrunk and smoothed), then learns
 * online like a multiplicative Holt–Winters whose every update is the robust score step of a negative-
 * binomial GLM with a log link: the Pearson residual is Huber-clipped (Cantoni & Ronchetti 2001), so one
 * viral bucket moves the baseline by a bounded amount instead of inflating it, as a mean ± σ would.
 * Profiles are interpolated between hour centres, so buckets need not start on round minutes.
 */
import { clippedSquareMean, nbDevianceResidual, nbVariance } from './count-stats.js';
import type { DetectorParams } from './params.js';

/** JSON-serializable baseline state (about 200 numbers once warm). */
export interface BaselineState {
  /** Buckets of the warm-up, [minute of week, count], until the batch fit; then null. */
  warm: Array<[number, number]> | null;
  level: number;
  trend: number;
  /** Log factor per local hour of day (24). */
  daily: number[];
  /** Log correction per local hour of week (168, Monday 00:00 first). */
  weekly: number[];
  /** Updates each hour-of-week slot has had (its warm start, and when it joins the normalization). */
  weeklySeen: number[];
  /** Negative-binomial dispersion. */
  phi: number;
  /** Online updates since the batch fit. */
  updates: number;
}

/** Expected count of one bucket and its noise. */
export interface Expectation {
  mean: number;
  variance: number;
  phi: number;
}

const MIN_MEAN = 1e-3;
const MAX_MEAN = 1e15;
const PHI_MIN = 0.002;
const PHI_MAX = 4;

/** Rates and constants derived once from the params and the interval. */
export interface BaselineRates {
  warmBuckets: number;
  alpha: number;
  beta: number;
  gammaDaily: number;
  gammaWeekly: number;
  lambda: number;
  huber: number;
  huberSquareMean: number;
  updatesPerWeeklySlot: number;
}

const halfLifeRate = (steps: number): number => 1 - Math.pow(2, -1 / Math.max(steps, 1));

/** Per-bucket learning rates for `params` at bucket length `intervalMs`. */
export function baselineRates(params: DetectorParams, intervalMs: number): BaselineRates {
  const perHour = 3_600_000 / intervalMs;
  const bucketsPerHourSlot = Math.max(1, perHour);
  return {
    warmBuckets: Math.max(1, Math.min(2016, Math.round(params.warmupHours * perHour))),
    alpha: halfLifeRate(params.levelHalfLifeHours * perHour),
    beta: halfLifeRate(params.trendHalfLifeHours * perHour),
    gammaDaily: halfLifeRate(params.dailyHalfLifeDays * bucketsPerHourSlot),
    gammaWeekly: halfLifeRate(params.weeklyHalfLifeWeeks * bucketsPerHourSlot),
    lambda: halfLifeRate(params.dispersionHalfLifeHours * perHour),
    huber: params.huber,
    huberSquareMean: clippedSquareMean(params.huber),
    updatesPerWeeklySlot: bucketsPerHourSlot,
  };
}

/** A fresh baseline. */
export function newBaseline(): BaselineState {
  return {
    warm: [],
    level: 0,
    trend: 0,
    daily: new Array<number>(24).fill(0),
    weekly: new Array<number>(168).fill(0),
    weeklySeen: new Array<number>(168).fill(0),
    phi: 0.05,
    updates: 0,
  };
}

/** Interpolation between the two nearest hour centres of a circular hourly profile. */
function slotWeights(hourPosition: number, size: number): [number, number, number] {
  const pos = hourPosition - 0.5;
  const i0 = Math.floor(pos);
  const w1 = pos - i0;
  return [((i0 % size) + size) % size, (((i0 + 1) % size) + size) % size, w1];
}

function profileAt(profile: number[], hourPosition: number): number {
  const [i0, i1, w1] = slotWeights(hourPosition, profile.length);
  return (1 - w1) * profile[i0]! + w1 * profile[i1]!;
}

/** Expected count at local minute-of-week `mow`, or null while the baseline is still warming up. */
export function expectAt(state: BaselineState, mow: number): Expectation | null {
  if (state.warm) return null;
  const log =
    state.level + state.trend + profileAt(state.daily, (mow % 1440) / 60) + profileAt(state.weekly, mow / 60);
  const mean = Math.min(MAX_MEAN, Math.max(MIN_MEAN, Math.exp(log)));
  return { mean, variance: nbVariance(mean, state.phi), phi: state.phi };
}

/** Mean of the warm-up so far (what a verdict shows as expected before the batch fit). */
export function warmMean(state: BaselineState): number {
  if (!state.warm || state.warm.length === 0) return 0;
  return state.warm.reduce((s, [, c]) => s + c, 0) / state.warm.length;
}

/**
 * Learns count `x` at minute-of-week `mow` (`rateScale` < 1 slows learning, e.g. while an incident is open;
 * `learnDispersion` false holds the noise level while evidence of an incident is building).
 * Returns the state, changed in place.
 */
export function learn(
  state: BaselineState,
  rates: BaselineRates,
  mow: number,
  x: number,
  rateScale = 1,
  learnDispersion = true,
): BaselineState {
  if (state.warm) {
    state.warm.push([mow, x]);
    if (state.warm.length >= rates.warmBuckets) batchFit(state);
    return state;
  }
  const e = expectAt(state, mow)!;
  const sd = Math.sqrt(e.variance);
  // Huber clip in count space, with two counts of slack so that 1 or 2 mentions in a sparse hour are
  // news, not outliers (clipping them biases a sparse baseline toward zero).
  const clipped = Math.max(e.mean - rates.huber * sd, Math.min(x, e.mean + rates.huber * sd + 2));
  // Fisher-scaled score step of the NB GLM in log-mean units; the +1 keeps it bounded for tiny means
  // while its zero stays at clipped = mean (unbiased).
  const step = Math.max(-3, Math.min(3, (clipped - e.mean) / (e.mean + 1))) * rateScale;

  const a = rates.alpha;
  state.level += state.trend + a * step;
  state.trend = Math.max(-0.01, Math.min(0.01, state.trend + rates.beta * a * step));

  const hod = (mow % 1440) / 60;
  const [d0, d1, dw] = slotWeights(hod, 24);
  state.daily[d0]! += rates.gammaDaily * (1 - dw) * step;
  state.daily[d1]! += rates.gammaDaily * dw * step;

  // The hour-of-week correction starts at 0 and averages its first week (prior weight 4 updates)
  // instead of copying it, then forgets with its half-life.
  const [w0, w1, ww] = slotWeights(mow / 60, 168);
  state.weekly[w0]! += Math.max(rates.gammaWeekly, 1 / (4 + state.weeklySeen[w0]!)) * (1 - ww) * step;
  state.weekly[w1]! += Math.max(rates.gammaWeekly, 1 / (4 + state.weeklySeen[w1]!)) * ww * step;
  state.weeklySeen[w0]! += 1 - ww;
  state.weeklySeen[w1]! += ww;

  if (learnDispersion) {
    // Dispersion: nudge it so the clipped squared deviance residual averages its normal value (deviance,
    // not Pearson, residuals: these are nearly symmetric, so clipping does not bias the estimate down).
    const d = nbDevianceResidual(x, e.mean, e.phi);
    const target = Math.min(d * d, rates.huber * rates.huber) / rates.huberSquareMean;
    state.phi = Math.max(
      PHI_MIN,
      Math.min(PHI_MAX, state.phi * (1 + rates.lambda * rateScale * (target - 1))),
    );
  }

  normalize(state, rates.updatesPerWeeklySlot);
  state.updates++;
  return state;
}

/**
 * Keeps the decomposition identifiable: the weekly correction averages 0 per hour of day (once all seven
 * days of that hour have been seen: an unseen day must not absorb the others' corrections), the daily
 * profile averages 0 overall.
 */
function normalize(state: BaselineState, fullWeek: number): void {
  for (let h = 0; h < 24; h++) {
    let s = 0;
    let seen = true;
    for (let d = 0; d < 7; d++) {
      s += state.weekly[d * 24 + h]!;
      if (state.weeklySeen[d * 24 + h]! < fullWeek) seen = false;
    }
    const m = s / 7;
    if (!seen || m === 0) continue;
    for (let d = 0; d < 7; d++) state.weekly[d * 24 + h]! -= m;
    state.daily[h]! += m;
  }
  let s = 0;
  for (const v of state.daily) s += v;
  const m = s / 24;
  for (let h = 0; h < 24; h++) state.daily[h]! -= m;
  state.level += m;
}

/** Batch start: level and hourly profile from the warm-up buckets, then the dispersion that fits them. */
function batchFit(state: BaselineState): void {
  const warm = state.warm!;
  const counts = warm.map(([, c]) => c).sort((a, b) => a - b);
  // Trimmed mean: a spike during the warm-up must not set the level.
  const keep = counts.slice(0, Math.max(1, Math.ceil(counts.length * 0.98)));
  const mean = keep.reduce((s, c) => s + c, 0) / keep.length;
  const cap = keep[keep.length - 1]!;
  const sums = new Array<number>(24).fill(0);
  const weights = new Array<number>(24).fill(0);
  for (const [mow, c] of warm) {
    const [i0, i1, w1] = slotWeights((mow % 1440) / 60, 24);
    const v = Math.min(c, cap);
    sums[i0]! += (1 - w1) * v;
    weights[i0]! += 1 - w1;
    sums[i1]! += w1 * v;
    weights[i1]! += w1;
  }
  // Shrink each hour toward the overall mean (two buckets' worth of prior) so sparse hours stay sane.
  const prior = 2;
  const raw = sums.map((s, h) => Math.log((s + prior * mean + 0.5) / ((weights[h]! + prior) * mean + 0.5)));
  const smooth = raw.map((v, h) => 0.25 * raw[(h + 23) % 24]! + 0.5 * v + 0.25 * raw[(h + 1) % 24]!);
  state.daily = smooth;
  state.level = Math.log(Math.max(mean, MIN_MEAN));
  state.weekly = new Array<number>(168).fill(0);
  state.weeklySeen = new Array<number>(168).fill(0);
  state.trend = 0;
  normalize(state, Infinity);
  state.phi = fitDispersion(state, warm);
  state.warm = null;
}

/** Dispersion whose deviance residuals over the warm-up have the normal median of z² (0.455). */
function fitDispersion(state: BaselineState, warm: Array<[number, number]>): number {
  state.warm = null;
  const means = warm.map(([mow]) => expectAt(state, mow)!.mean);
  const medianSquare = (phi: number): number => {
    const sq = warm.map(([, c], i) => nbDevianceResidual(c, means[i]!, phi) ** 2).sort((a, b) => a - b);
    return sq[Math.floor(sq.length / 2)]!;
  };
  let lo = Math.log(PHI_MIN);
  let hi = Math.log(PHI_MAX);
  if (medianSquare(PHI_MIN) <= 0.455) return PHI_MIN;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (medianSquare(Math.exp(mid)) > 0.455) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}
