/**
 * The time range and brand a page shows, read from its query string (`?brand=acme-air&range=7d` or
 * `?from=2026-11-01&to=2026-11-08`), and the bucket size of its time series. Bad values fall back to the
 * defaults (the picker then shows what is used), so a hand-edited URL never breaks a page.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The range presets of the picker, in order. */
export const RANGE_PRESETS = [
  { key: '24h', label: 'Last 24 hours', ms: DAY },
  { key: '7d', label: 'Last 7 days', ms: 7 * DAY },
  { key: '30d', label: 'Last 30 days', ms: 30 * DAY },
  { key: '90d', label: 'Last 90 days', ms: 90 * DAY },
] as const;

/** The preset a page uses when the URL names none. */
export const DEFAULT_RANGE = '7d';

/** A resolved time window: [from, to) in epoch ms, with its series bucket size. */
export interface TimeWindow {
  from: number;
  to: number;
  /** Seconds per point of a time series over the window. */
  intervalSeconds: number;
  /** The preset key, or `custom` for explicit dates. */
  preset: string;
}

/** Series bucket for a window: hourly up to a week, then 6 h, a day, a week. */
export function bucketSeconds(spanMs: number): number {
  if (spanMs <= 7 * DAY) return 3600;
  if (spanMs <= 31 * DAY) return 6 * 3600;
  if (spanMs <= 180 * DAY) return 24 * 3600;
  return 7 * 24 * 3600;
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** Epoch ms from `2026-11-01`, `2026-11-01T10:00:00Z` or a millisecond number; `undefined` when unreadable. */
export function parseInstant(text: string | undefined): number | undefined {
  if (!text) return undefined;
  if (/^\d{10,15}$/.test(text)) return Number(text);
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The window of a request: the named preset (`range=7d`) ending now, else explicit `from`/`to` when both are
 * readable and ordered (at most two years apart), else the default preset (rounded up to the next bucket so consecutive loads agree).
 */
export function windowFromQuery(
  query: Readonly<Record<string, string | string[] | undefined>>,
  now: number = Date.now(),
): TimeWindow {
  const key = first(query.range);
  const named = RANGE_PRESETS.some((p) => p.key === key);
  const from = parseInstant(first(query.from));
  const toText = first(query.to);
  // A date-only end (the picker's date input) includes that whole day.
  const to =
    parseInstant(toText) === undefined
      ? undefined
      : parseInstant(toText)! + (/^\d{4}-\d{2}-\d{2}$/.test(toText ?? '') ? DAY : 0);
  if (!named && from !== undefined && to !== undefined && from < to && to - from <= 731 * DAY) {
    return { from, to, intervalSeconds: bucketSeconds(to - from), preset: 'custom' };
  }
  const preset =
    RANGE_PRESETS.find((p) => p.key === key) ?? RANGE_PRESETS.find((p) => p.key === DEFAULT_RANGE)!;
  const intervalSeconds = bucketSeconds(preset.ms);
  const end = Math.ceil(now / (intervalSeconds * 1000)) * intervalSeconds * 1000;
  return { from: end - preset.ms, to: end, intervalSeconds, preset: preset.key };
}

/** The window of the same length just before `w` (for "vs previous period"). */
export function previousWindow(w: TimeWindow): TimeWindow {
  const span = w.to - w.from;
  return { ...w, from: w.from - span, to: w.from, preset: 'custom' };
}

/** The query-string parameters that reproduce `w` (the preset when it has one). */
export function windowParams(w: TimeWindow): Record<string, string> {
  return w.preset === 'custom'
    ? { from: new Date(w.from).toISOString(), to: new Date(w.to).toISOString() }
    : { range: w.preset };
}
