import { describe, expect, it } from 'vitest';
import { createDetector, type SeriesBucket } from '../../../../alerts/detect/index.js';
import { createRandom } from '../../../../alerts/evaluate/random.js';
import { FIVE_MIN, PER_DAY, PER_HOUR, T0, alertsAt, draw, resolvesAt, run, seasonalMean } from './series.js';

/** Volume around `mean(i)` with a share `share` of negatives: count = negatives, total = volume. */
function negatives(n: number, mean: (i: number) => number, share: number, seed: number): SeriesBucket[] {
  const rnd = createRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const total = rnd.poisson(mean(i));
    let count = 0;
    for (let k = 0; k < total; k++) if (rnd.uniform() < share) count++;
    return { start: T0 + i * FIVE_MIN, count, total };
  });
}

const negativeDetector = (params = {}) => createDetector('negative_spike', { intervalMs: FIVE_MIN, params });

describe('negative_spike (count of negatives and their share of all mentions)', () => {
  it('alerts once when negatives jump from 10% to 50% of a busy brand', () => {
    const series = negatives(12 * PER_DAY, seasonalMean(30), 0.1, 1);
    const onset = 10 * PER_DAY + 11 * PER_HOUR;
    const rnd = createRandom(99);
    for (let i = onset; i < onset + 2 * PER_HOUR; i++) {
      const b = series[i]!;
      b.count = 0;
      for (let k = 0; k < b.total!; k++) if (rnd.uniform() < 0.5) b.count++;
    }
    const verdicts = run(negativeDetector(), series);
    const alerts = alertsAt(verdicts);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]! - onset).toBeLessThan(9);
    expect(verdicts[alerts[0]!]!.strength).toMatch(/\d+% of \d+ mentions vs (9|10|11)% usually$/);
  });

  it('does not alert when negatives rise only because all volume rose (share unchanged)', () => {
    const series = negatives(12 * PER_DAY, seasonalMean(30), 0.1, 2);
    const onset = 10 * PER_DAY + 11 * PER_HOUR;
    const rnd = createRandom(7);
    for (let i = onset; i < onset + 2 * PER_HOUR; i++) {
      const total = series[i]!.total! * 5;
      let count = 0;
      for (let k = 0; k < total; k++) if (rnd.uniform() < 0.1) count++;
      series[i] = { ...series[i]!, count, total };
    }
    expect(alertsAt(run(negativeDetector(), series))).toEqual([]);
    // …while the volume detector on the same totals does alert.
    const volume = createDetector('volume_spike', { intervalMs: FIVE_MIN });
    expect(alertsAt(series.map((b) => volume.step({ start: b.start, count: b.total! })))).toHaveLength(1);
  });

  it('3 negatives out of 4 mentions is not an incident, even with every count rule relaxed', () => {
    // A sparse brand, 20% negative; then two quarter-hours where 3 of 4 mentions are negative.
    const series = negatives(12 * PER_DAY, seasonalMean(0.5), 0.2, 3);
    const at = 10 * PER_DAY + 12 * PER_HOUR;
    for (let k = 0; k < 6; k++)
      series[at + k] = { ...series[at + k]!, count: k % 3 === 0 ? 3 : 0, total: k % 3 === 0 ? 4 : 0 };
    const relaxed = { minCount: 1, minRatio: 1, threshold: 2, persistenceMinutes: 5 };
    expect(alertsAt(run(negativeDetector(relaxed), series))).toEqual([]);
    // Without the share test (no totals) the same counts would alert under those relaxed rules.
    const countsOnly = series.map(({ start, count }) => ({ start, count }));
    expect(alertsAt(run(negativeDetector(relaxed), countsOnly)).length).toBeGreaterThan(0);
  });
});

describe('aspect_spike', () => {
  it('alerts when an aspect’s mentions triple', () => {
    const series = negatives(12 * PER_DAY, seasonalMean(40), 0.05, 4);
    const onset = 10 * PER_DAY + 9 * PER_HOUR;
    for (let i = onset; i < onset + 3 * PER_HOUR; i++) series[i]!.count = Math.round(series[i]!.total! * 0.2);
    const verdicts = run(createDetector('aspect_spike', { intervalMs: FIVE_MIN }), series);
    expect(alertsAt(verdicts)).toHaveLength(1);
  });
});

describe('drop', () => {
  it('alerts once when volume falls to a tenth for three hours, and resolves when it returns', () => {
    const series = draw(12 * PER_DAY, seasonalMean(30), 5);
    const onset = 10 * PER_DAY + 10 * PER_HOUR;
    for (let i = onset; i < onset + 3 * PER_HOUR; i++)
      series[i]!.count = Math.round(series[i]!.count * 0.1) || 1;
    const verdicts = run(createDetector('drop', { intervalMs: FIVE_MIN }), series);
    const alerts = alertsAt(verdicts);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]! - onset).toBeLessThan(PER_HOUR);
    expect(verdicts[alerts[0]!]!.strength).toMatch(/0\.\d× the usual/);
    const resolves = resolvesAt(verdicts);
    expect(resolves).toHaveLength(1);
    expect(resolves[0]!).toBeGreaterThan(onset + 3 * PER_HOUR);
  });

  it('stays quiet on a normal series', () => {
    expect(
      alertsAt(
        run(createDetector('drop', { intervalMs: FIVE_MIN }), draw(21 * PER_DAY, seasonalMean(30), 6)),
      ),
    ).toEqual([]);
  });
});

describe('silence', () => {
  it('alerts once when a busy source returns nothing for two hours, resolves on the first mention back', () => {
    const series = draw(12 * PER_DAY, seasonalMean(20), 7);
    const onset = 10 * PER_DAY + 13 * PER_HOUR;
    for (let i = onset; i < onset + 2 * PER_HOUR; i++) series[i]!.count = 0;
    let back = onset + 2 * PER_HOUR;
    while (series[back]!.count === 0) back++;
    const verdicts = run(createDetector('silence', { intervalMs: FIVE_MIN }), series);
    const alerts = alertsAt(verdicts);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]! - onset).toBeGreaterThanOrEqual(5); // at least 30 minutes of nothing
    expect(alerts[0]! - onset).toBeLessThan(PER_HOUR);
    expect(verdicts[alerts[0]!]!.strength).toMatch(
      /^none for \d+ min; the usual for a \w+day \d\d:\d\d: \d+ ± \d+$/,
    );
    expect(resolvesAt(verdicts)).toEqual([back]);
  });

  it('does not take the empty nights of a sparse brand for silence', () => {
    const series = draw(21 * PER_DAY, seasonalMean(0.3, 1.2), 8);
    expect(alertsAt(run(createDetector('silence', { intervalMs: FIVE_MIN }), series))).toEqual([]);
  });
});
