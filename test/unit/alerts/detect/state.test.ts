import { describe, expect, it } from 'vitest';
import { createDetector, type AlertKind, type SeriesBucket } from '../../../../alerts/detect/index.js';
import { FIVE_MIN, PER_DAY, PER_HOUR, draw, scale, seasonalMean } from './series.js';

const KINDS: AlertKind[] = ['volume_spike', 'negative_spike', 'aspect_spike', 'drop', 'silence'];

/** Ten days with a spike, a drop and a silence, and totals for the share detectors. */
function eventful(): SeriesBucket[] {
  const series = draw(10 * PER_DAY, seasonalMean(25), 11).map((b) => ({ ...b, total: b.count * 4 + 3 }));
  scale(series, 7 * PER_DAY + 10 * PER_HOUR, 7 * PER_DAY + 12 * PER_HOUR, 5);
  scale(series, 8 * PER_DAY + 10 * PER_HOUR, 8 * PER_DAY + 13 * PER_HOUR, 0.1);
  scale(series, 9 * PER_DAY + 10 * PER_HOUR, 9 * PER_DAY + 12 * PER_HOUR, 0);
  return series;
}

describe('detector state', () => {
  it.each(KINDS)(
    '%s: stopping, persisting as JSON and restoring gives exactly the verdicts of never stopping',
    (kind) => {
      const series = eventful();
      const options = { intervalMs: FIVE_MIN, timeZone: 'Europe/Paris' };
      const straight = createDetector(kind, options);
      const expected = series.map((b) => straight.step(b));
      expect(expected.some((v) => v.alert)).toBe(true);
      // Restart at cut points: during the warm-up, in quiet time, and inside each incident.
      const cuts = [
        100,
        2 * PER_DAY + 7,
        7 * PER_DAY + 10 * PER_HOUR + 5,
        8 * PER_DAY + 11 * PER_HOUR,
        9 * PER_DAY + 11 * PER_HOUR,
      ];
      let detector = createDetector(kind, options);
      const got = series.map((b, i) => {
        if (cuts.includes(i))
          detector = createDetector(kind, options, JSON.parse(JSON.stringify(detector.snapshot())));
        return detector.step(b);
      });
      expect(got).toEqual(expected);
    },
  );

  it('is causal: appending future buckets never changes earlier verdicts', () => {
    const series = eventful();
    for (const kind of KINDS) {
      const full = createDetector(kind, { intervalMs: FIVE_MIN });
      const all = series.map((b) => full.step(b));
      const prefix = createDetector(kind, { intervalMs: FIVE_MIN });
      const n = 8 * PER_DAY + 11 * PER_HOUR;
      expect(series.slice(0, n).map((b) => prefix.step(b))).toEqual(all.slice(0, n));
    }
  });

  it('stays small: the persisted state is a few kilobytes however long the series', () => {
    const d = createDetector('negative_spike', { intervalMs: FIVE_MIN });
    const series = eventful();
    for (const b of series.slice(0, 100)) d.step(b);
    expect(JSON.stringify(d.snapshot()).length).toBeLessThan(40_000); // warm-up buffer, one day at most
    for (const b of series) d.step({ ...b, start: b.start + 10 * PER_DAY * FIVE_MIN });
    const size = JSON.stringify(d.snapshot()).length;
    expect(size).toBeLessThan(8_000);
  });

  it('refuses a state of another kind or interval, saying what to do', () => {
    const state = createDetector('drop', { intervalMs: FIVE_MIN }).snapshot();
    expect(() => createDetector('silence', { intervalMs: FIVE_MIN }, state)).toThrow(
      /drop.*start a new state/,
    );
    expect(() => createDetector('drop', { intervalMs: 60_000 }, state)).toThrow(RangeError);
  });

  it('learns days and hours in the brand’s time zone and says them in local time', () => {
    const series = eventful();
    const d = createDetector('volume_spike', { intervalMs: FIVE_MIN, timeZone: 'America/New_York' });
    const verdicts = series.map((b) => d.step(b));
    const alert = verdicts.find((v) => v.alert)!;
    // The spike starts 10:00 UTC on Monday 2026-03-09, 06:00 in New York (EDT since March 8).
    expect(alert.strength).toMatch(/for a Monday 06:\d\d/);
  });
});
