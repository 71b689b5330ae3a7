/**
 * Grafana's choice of `$__interval` for a panel (rangeutil `calculateInterval`): the range divided by the
 * panel's data points (its width in pixels unless "max data points" is set), rounded to a "nice" step, and
 * never below the panel's min interval. The web view calls this so its buckets match Grafana's.
 */

/** Upper bounds (exclusive, ms) of Grafana's `roundInterval` steps and the step each rounds to. */
const STEPS: ReadonlyArray<readonly [number, number]> = [
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1_500, 1_000],
  [3_500, 2_000],
  [7_500, 5_000],
  [12_500, 10_000],
  [17_500, 15_000],
  [25_000, 20_000],
  [45_000, 30_000],
  [90_000, 60_000],
  [210_000, 120_000],
  [450_000, 300_000],
  [750_000, 600_000],
  [1_050_000, 900_000],
  [1_500_000, 1_200_000],
  [2_700_000, 1_800_000],
  [5_400_000, 3_600_000],
  [9_000_000, 7_200_000],
  [16_200_000, 10_800_000],
  [32_400_000, 21_600_000],
  [86_400_000, 43_200_000],
  [604_800_000, 86_400_000],
  [1_814_400_000, 604_800_000],
  [3_628_800_000, 2_592_000_000],
];
const ONE_YEAR_MS = 31_536_000_000;

/** Grafana's `roundInterval` (ms → ms). */
export function roundIntervalMs(intervalMs: number): number {
  for (const [below, step] of STEPS) if (intervalMs < below) return step;
  return ONE_YEAR_MS;
}

/**
 * The interval in seconds Grafana would use for a panel showing `from`–`to`.
 * @param options.maxDataPoints data points across the panel (Grafana: its pixel width). @default 1000
 * @param options.minIntervalSeconds the panel's min interval (`PanelDefinition.minIntervalSeconds`).
 */
export function grafanaIntervalSeconds(
  from: Date,
  to: Date,
  options: { maxDataPoints?: number; minIntervalSeconds?: number } = {},
): number {
  const points = options.maxDataPoints ?? 1000;
  const rounded = roundIntervalMs((to.getTime() - from.getTime()) / points);
  const low = (options.minIntervalSeconds ?? 0.001) * 1000;
  return Math.max(rounded, low) / 1000;
}
