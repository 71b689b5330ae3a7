import { describe, expect, it } from 'vitest';
import { generateSeries } from '../../../../alerts/evaluate/generate.js';
import { PROFILES, normalizedScore, scaledSigmoid, scoreSeries } from '../../../../alerts/evaluate/score.js';

const standard = PROFILES[0]!;
const flags = (n: number, at: number[]): boolean[] => Array.from({ length: n }, (_, i) => at.includes(i));

describe('windowed scorer', () => {
  const windows = [{ start: 400, end: 499 }];

  it('rewards the first alert in a window, more the earlier, and ignores later ones in it', () => {
    const early = scoreSeries(flags(1000, [400]), windows, standard);
    const late = scoreSeries(flags(1000, [490]), windows, standard);
    expect(early.raw).toBeCloseTo(scaledSigmoid(-1), 6);
    expect(late.raw).toBeGreaterThan(0);
    expect(late.raw).toBeLessThan(early.raw);
    expect(scoreSeries(flags(1000, [400, 410, 450]), windows, standard).raw).toBe(early.raw);
  });

  it('charges an alert outside every window (less just after one) and a missed window; ignores the warm-up', () => {
    expect(scoreSeries(flags(1000, [300]), windows, standard).raw).toBeCloseTo(-standard.fp - standard.fn, 6);
    const after = scoreSeries(flags(1000, [520]), windows, standard).raw + standard.fn;
    expect(after).toBeLessThan(0);
    expect(after).toBeGreaterThan(-standard.fp);
    expect(scoreSeries(flags(1000, [100]), windows, standard).raw).toBe(-standard.fn); // inside the first 15%
  });

  it('normalizes to 100 for a perfect detector and 0 for one that never alerts', () => {
    const perfect = scoreSeries(flags(1000, [400]), windows, standard);
    const none = scoreSeries(flags(1000, []), windows, standard);
    expect(normalizedScore([perfect])).toBeCloseTo(100, 6);
    expect(normalizedScore([none])).toBe(0);
  });
});

describe('synthetic series', () => {
  it('are deterministic per seed, with labelled windows after the warm-up', () => {
    const a = generateSeries(5, 3, 'spike');
    expect(generateSeries(5, 3, 'spike')).toEqual(a);
    expect(generateSeries(6, 3, 'spike').counts).not.toEqual(a.counts);
    expect(a.counts).toHaveLength(60 * 288);
    for (const w of a.incidents) {
      expect(w.windowStart).toBeGreaterThanOrEqual(Math.ceil(0.15 * a.counts.length));
      expect(w.onset).toBeGreaterThanOrEqual(w.windowStart);
      expect(w.onset).toBeLessThanOrEqual(w.windowEnd);
    }
  });
});
