/** Numbers and times as the web view and the reports print them. */

/** A value in a panel's Grafana unit: `percentunit` fractions as `12.3 %`, counts with thousands separators. */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (unit === 'percentunit') return `${(value * 100).toFixed(1)} %`;
  if (unit === 'percent') return `${value.toFixed(1)} %`;
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** The change from `previous` to `current`: percentage points for percentages, else a relative change. */
export function formatDelta(current: number | null, previous: number | null, unit: string): string {
  if (current === null || previous === null) return 'no earlier data';
  if (unit === 'percentunit' || unit === 'percent') {
    const points = (current - previous) * (unit === 'percentunit' ? 100 : 1);
    return `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pts`;
  }
  if (previous === 0) return current === 0 ? 'no change' : 'new';
  const change = ((current - previous) / Math.abs(previous)) * 100;
  return `${change >= 0 ? '+' : '−'}${Math.abs(change).toFixed(0)} %`;
}

/** `2026-11-30 14:05 UTC`. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
