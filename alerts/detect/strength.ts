/** The strength sentence of a verdict, e.g. "41 in the last 15 min, 6.8× the usual for a Tuesday 10:00 (6 ± 2)". */
import type { AlertKind } from './types.js';
import type { WindowSums } from './window.js';

const round = (v: number): string => (v >= 10 || v === 0 ? String(Math.round(v)) : v.toFixed(1));
const duration = (minutes: number): string =>
  minutes >= 120 ? `${round(minutes / 60)} h` : `${Math.round(minutes)} min`;
const ratio = (v: number): string => (v >= 10 ? v.toFixed(0) : v.toFixed(1));

/** Person-readable strength of `window` for a detector of `kind`; `when` is the local "Tuesday 10:00". */
export function describeStrength(
  kind: AlertKind,
  w: WindowSums,
  when: string,
  context: { baseShare: number; minutes: number },
): string {
  const usual = `${round(w.expected)} ± ${round(w.spread)}`;
  const last = `in the last ${duration(context.minutes)}`;
  if (kind === 'silence') {
    return w.observed === 0 && w.expected > 0
      ? `none for ${duration(context.minutes)}; the usual for a ${when}: ${usual}`
      : `${round(w.observed)} ${last} (usual for a ${when}: ${usual})`;
  }
  const times = w.expected > 0 ? `${ratio(w.observed / w.expected)}× the usual` : 'above a usual of zero';
  const base = `${round(w.observed)} ${last}, ${times} for a ${w.expected > 0 ? when : 'quiet period'} (${usual})`;
  if ((kind === 'negative_spike' || kind === 'aspect_spike') && w.hasTotal && w.total > 0) {
    const pct = (v: number): string => `${Math.round(v * 100)}%`;
    return `${base}; ${pct(w.observed / w.total)} of ${round(w.total)} mentions vs ${pct(context.baseShare)} usually`;
  }
  return base;
}
