/** The evidence window: the last few buckets with what the baseline expected of them. */

/** One bucket of the window: start, count, expected mean, variance, total (NaN when not given). */
export type WindowEntry = [start: number, count: number, mean: number, variance: number, total: number];

/** Sums over the window. */
export interface WindowSums {
  from: number;
  observed: number;
  expected: number;
  spread: number;
  total: number;
  /** True when every bucket carried a total (the share test applies). */
  hasTotal: boolean;
}

/** Appends `entry`, keeping at most `size` entries (in place). */
export function pushWindow(window: WindowEntry[], entry: WindowEntry, size: number): void {
  window.push(entry);
  while (window.length > size) window.shift();
}

/** Observed, expected, spread (√Σ variance) and total over the window. */
export function sumWindow(window: WindowEntry[]): WindowSums {
  let observed = 0;
  let expected = 0;
  let variance = 0;
  let total = 0;
  let hasTotal = window.length > 0;
  for (const [, c, m, v, t] of window) {
    observed += c;
    expected += m;
    variance += v;
    if (Number.isNaN(t)) hasTotal = false;
    else total += t;
  }
  return { from: window[0]?.[0] ?? 0, observed, expected, spread: Math.sqrt(variance), total, hasTotal };
}
