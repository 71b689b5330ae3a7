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

/**
 * Observed, expected, spread (√Σ variance) and total over the last `buckets` entries, extended further
 * back while less than `minExpected` was expected.
 */
export function sumWindow(window: WindowEntry[], buckets: number, minExpected = 0): WindowSums {
  let observed = 0;
  let expected = 0;
  let variance = 0;
  let total = 0;
  let hasTotal = window.length > 0;
  let from = 0;
  for (let i = window.length - 1; i >= 0; i--) {
    if (window.length - i > buckets && expected >= minExpected) break;
    const [start, c, m, v, t] = window[i]!;
    from = start;
    observed += c;
    expected += m;
    variance += v;
    if (Number.isNaN(t)) hasTotal = false;
    else total += t;
  }
  return { from, observed, expected, spread: Math.sqrt(variance), total, hasTotal };
}
