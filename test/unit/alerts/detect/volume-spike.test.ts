import { describe, expect, it } from 'vitest';
import { createDetector } from '../../../../alerts/detect/index.js';
import { PER_DAY, PER_HOUR, alertsAt, draw, resolvesAt, run, scale, seasonalMean } from './series.js';

const detector = (params = {}) => createDetector('volume_spike', { intervalMs: 5 * 60_000, params });

describe('volume_spike', () => {
  it('stays quiet on three weeks of a daily and weekly cycle and learns it', () => {
    const mean = seasonalMean(30);
    const series = draw(21 * PER_DAY, mean, 1);
    const verdicts = run(detector(), series);
    expect(alertsAt(verdicts)).toEqual([]);
    // Day 17 (a Wednesday): the expected peak and trough are within 20% of the truth.
    for (const hour of [15, 3]) {
      const i = 16 * PER_DAY + hour * PER_HOUR;
      const truth = [0, 1, 2].reduce((s, k) => s + mean(i - k), 0);
      expect(verdicts[i]!.expected / truth).toBeGreaterThan(0.8);
      expect(verdicts[i]!.expected / truth).toBeLessThan(1.2);
    }
    // Weekend: lower, and the baseline knows it.
    const sat = 19 * PER_DAY + 15 * PER_HOUR;
    expect(verdicts[sat]!.expected).toBeLessThan(verdicts[16 * PER_DAY + 15 * PER_HOUR]!.expected * 0.85);
  });

  it('follows a trend (volume tripling over three weeks) without alerting', () => {
    const n = 21 * PER_DAY;
    const base = seasonalMean(20, 0.6, 1);
    const series = draw(n, (i) => base(i) * Math.exp((Math.log(3) * i) / n), 2);
    const verdicts = run(detector(), series);
    expect(alertsAt(verdicts)).toEqual([]);
    const i = n - 6 * PER_HOUR;
    const truth = [0, 1, 2].reduce((s, k) => s + base(i - k) * Math.exp((Math.log(3) * (i - k)) / n), 0);
    expect(verdicts[i]!.expected / truth).toBeGreaterThan(0.8);
    expect(verdicts[i]!.expected / truth).toBeLessThan(1.2);
  });

  it('gives one early alert and one resolve for a two-hour ×5 spike, with severity and strength', () => {
    const series = draw(14 * PER_DAY, seasonalMean(20), 3);
    const onset = 10 * PER_DAY + 14 * PER_HOUR;
    scale(series, onset, onset + 2 * PER_HOUR, 5);
    const verdicts = run(detector(), series);
    const alerts = alertsAt(verdicts);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]! - onset).toBeGreaterThanOrEqual(0);
    expect(alerts[0]! - onset).toBeLessThanOrEqual(9); // within 45 minutes
    const v = verdicts[alerts[0]!]!;
    expect(v.score).toBeGreaterThanOrEqual(0.5);
    expect(v.severity).toBeGreaterThan(0.4);
    expect(v.observed).toBeGreaterThan(3 * v.expected);
    expect(v.strength).toMatch(
      /^\d+ in the last 15 min, \d+(\.\d)?× the usual for a Thursday \d\d:\d\d \(\d+ ± \d+\)$/,
    );
    const resolves = resolvesAt(verdicts);
    expect(resolves).toHaveLength(1);
    expect(resolves[0]!).toBeGreaterThan(onset + 2 * PER_HOUR);
    expect(resolves[0]!).toBeLessThan(onset + 5 * PER_HOUR);
    for (let i = alerts[0]!; i < resolves[0]!; i++) expect(verdicts[i]!.firing).toBe(true);
    // Only the alert bucket scores 0.5 or more.
    expect(verdicts.filter((x) => x.score >= 0.5)).toHaveLength(1);
  });

  it('needs persistence: a one-bucket ×20 blip does not alert, the same excess held 45 minutes does', () => {
    const blip = draw(12 * PER_DAY, seasonalMean(20), 4);
    scale(blip, 10 * PER_DAY + 15 * PER_HOUR, 10 * PER_DAY + 15 * PER_HOUR + 1, 20);
    expect(alertsAt(run(detector(), blip))).toEqual([]);
    const held = draw(12 * PER_DAY, seasonalMean(20), 4);
    scale(held, 10 * PER_DAY + 15 * PER_HOUR, 10 * PER_DAY + 15 * PER_HOUR + 9, 20);
    expect(alertsAt(run(detector(), held))).toHaveLength(1);
  });

  it('holds back a second alert during the cooldown, and not without one', () => {
    const series = draw(12 * PER_DAY, seasonalMean(20), 5);
    const first = 10 * PER_DAY + 10 * PER_HOUR;
    scale(series, first, first + PER_HOUR, 6);
    scale(series, first + 3 * PER_HOUR, first + 4 * PER_HOUR, 6);
    const withCooldown = run(detector({ cooldownMinutes: 180 }), series);
    expect(alertsAt(withCooldown)).toHaveLength(1);
    const without = run(detector({ cooldownMinutes: 0 }), series);
    expect(alertsAt(without)).toHaveLength(2);
    expect(resolvesAt(without)).toHaveLength(2);
  });

  it('keeps one incident open through a long plateau instead of alerting again', () => {
    const series = draw(14 * PER_DAY, seasonalMean(20), 6);
    const onset = 10 * PER_DAY + 8 * PER_HOUR;
    scale(series, onset, onset + 20 * PER_HOUR, 3);
    const verdicts = run(detector(), series);
    expect(alertsAt(verdicts)).toHaveLength(1);
    expect(resolvesAt(verdicts).length).toBeLessThanOrEqual(1);
  });

  it('stays quiet on bursty overdispersed noise (negative binomial, φ = 0.3)', () => {
    const verdicts = run(detector(), draw(28 * PER_DAY, seasonalMean(40), 7, 0.3));
    expect(alertsAt(verdicts)).toEqual([]);
  });

  it('stays quiet on a sparse brand (mostly empty buckets) and alerts on a burst of 40 mentions in 40 minutes', () => {
    const quiet = draw(21 * PER_DAY, seasonalMean(0.2), 8);
    expect(quiet.filter((b) => b.count === 0).length / quiet.length).toBeGreaterThan(0.7);
    expect(alertsAt(run(detector(), quiet))).toEqual([]);
    const burst = draw(21 * PER_DAY, seasonalMean(0.2), 8);
    const at = 15 * PER_DAY + 13 * PER_HOUR;
    for (let k = 0; k < 8; k++) burst[at + k]!.count += 5;
    const alerts = alertsAt(run(detector(), burst));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]! - at).toBeLessThan(8);
  });

  it('alerts earlier and on smaller excesses at high sensitivity than at low', () => {
    const series = draw(12 * PER_DAY, seasonalMean(20), 9);
    const onset = 10 * PER_DAY + 12 * PER_HOUR;
    scale(series, onset, onset + 3 * PER_HOUR, 2.2);
    const at = (sensitivity: 'low' | 'medium' | 'high') =>
      alertsAt(run(createDetector('volume_spike', { intervalMs: 5 * 60_000, sensitivity }), series));
    const inside = (alerts: number[]) => alerts.filter((i) => i >= onset && i < onset + 3 * PER_HOUR);
    expect(inside(at('high'))).toHaveLength(1);
    expect(inside(at('low'))).toHaveLength(0);
  });

  it('handles constant, all-zero and huge series without alerts or NaN', () => {
    const n = 5 * PER_DAY;
    for (const value of [0, 7, 1e15]) {
      const verdicts = run(
        detector(),
        Array.from({ length: n }, (_, i) => ({ start: i * 300_000, count: value })),
      );
      expect(alertsAt(verdicts)).toEqual([]);
      for (const v of verdicts) {
        expect(Number.isFinite(v.score)).toBe(true);
        expect(Number.isFinite(v.expected)).toBe(true);
      }
    }
  });

  it('gives a neutral verdict for a missing measurement (NaN) and learns nothing from it', () => {
    const series = draw(3 * PER_DAY, seasonalMean(20), 10);
    const a = createDetector('volume_spike', { intervalMs: 300_000 });
    const b = createDetector('volume_spike', { intervalMs: 300_000 });
    for (const bucket of series) a.step(bucket);
    for (const bucket of series) {
      b.step(bucket);
      expect(b.step({ start: bucket.start, count: NaN })).toMatchObject({ alert: false, score: 0 });
    }
    expect(b.snapshot()).toEqual(a.snapshot());
  });
});
