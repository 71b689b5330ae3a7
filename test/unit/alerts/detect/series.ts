/** Small deterministic series for the detector tests: a mean per bucket, Poisson or overdispersed draws. */
import type { Detector, SeriesBucket, Verdict } from '../../../../alerts/detect/index.js';
import { createRandom } from '../../../../alerts/evaluate/random.js';

export const FIVE_MIN = 5 * 60_000;
export const PER_HOUR = 12;
export const PER_DAY = 288;
/** Monday 2026-03-02 00:00 UTC. */
export const T0 = Date.UTC(2026, 2, 2);

/** A daily cycle peaking at 15:00 (×e^amplitude) around `mean`, weekends × `weekend`. */
export function seasonalMean(mean: number, amplitude = 0.8, weekend = 0.7): (i: number) => number {
  return (i) => {
    const hour = (i / PER_HOUR) % 24;
    const day = Math.floor(i / PER_DAY) % 7;
    return mean * Math.exp(amplitude * Math.cos((2 * Math.PI * (hour - 15)) / 24)) * (day >= 5 ? weekend : 1);
  };
}

/** `n` buckets from T0 with counts drawn around `mean(i)`; `phi` > 0 makes them negative-binomial. */
export function draw(n: number, mean: (i: number) => number, seed = 1, phi = 0): SeriesBucket[] {
  const rnd = createRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const mu = mean(i) * (phi > 0 ? rnd.gamma(1 / phi) * phi : 1);
    return { start: T0 + i * FIVE_MIN, count: rnd.poisson(mu) };
  });
}

/** Multiplies the counts of buckets [from, to) by `factor` (in place, rounded). */
export function scale(series: SeriesBucket[], from: number, to: number, factor: number): SeriesBucket[] {
  for (let i = from; i < to && i < series.length; i++)
    series[i]!.count = Math.round(series[i]!.count * factor);
  return series;
}

/** Runs every bucket through `detector`. */
export function run(detector: Detector, series: SeriesBucket[]): Verdict[] {
  return series.map((b) => detector.step(b));
}

/** Indices of the verdicts with `alert` (or `resolved`) set. */
export const alertsAt = (verdicts: Verdict[]): number[] => verdicts.flatMap((v, i) => (v.alert ? [i] : []));
export const resolvesAt = (verdicts: Verdict[]): number[] =>
  verdicts.flatMap((v, i) => (v.resolved ? [i] : []));
