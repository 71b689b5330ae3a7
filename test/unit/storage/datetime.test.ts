/** DateTime64 text conversion: the hand-written formatter agrees with `Date.prototype.toISOString`. */
import { describe, expect, it } from 'vitest';
import { InvalidMentionError } from '../../../storage/errors.js';
import { fromDateTime64, toDateTime64 } from '../../../storage/datetime.js';

const viaIso = (ms: number): string => {
  const iso = new Date(Math.round(ms)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
};

describe('toDateTime64', () => {
  it('formats like toISOString over the whole DateTime64 range, edges and fractions included', () => {
    const lo = Date.UTC(1900, 0, 1);
    const hi = Date.UTC(2299, 11, 31, 23, 59, 59, 999);
    const edges = [
      lo,
      hi,
      0,
      -1,
      1,
      86_399_999,
      86_400_000,
      -86_400_001,
      1_700_000_000_123,
      0.5,
      -0.5,
      lo + 0.4,
    ];
    // A fixed pseudo-random walk over the range (deterministic, no Math.random).
    let x = 12345;
    const walk = Array.from({ length: 20_000 }, () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return lo + (x / 0x1_0000_0000) * (hi - lo);
    });
    for (const ms of [...edges, ...walk]) expect(toDateTime64(ms)).toBe(viaIso(ms));
  });

  it('round-trips through fromDateTime64', () => {
    expect(fromDateTime64(toDateTime64(1_700_000_000_123))).toBe(1_700_000_000_123);
  });

  it('names the field, built only when the value is refused', () => {
    let built = 0;
    const field = () => {
      built++;
      return 'published_at of x/1';
    };
    expect(toDateTime64(0, field)).toBe('1970-01-01 00:00:00.000');
    expect(built).toBe(0);
    expect(() => toDateTime64(Date.UTC(2300, 0, 1), field)).toThrow(InvalidMentionError);
    expect(() => toDateTime64(Number.NaN, 'fetched_at')).toThrow(/fetched_at must be epoch milliseconds/);
  });
});
