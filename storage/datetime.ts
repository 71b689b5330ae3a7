/** Conversions between JS epoch milliseconds and ClickHouse `DateTime64(3, 'UTC')` text. */
import { InvalidMentionError } from './errors.js';

// DateTime64's supported range.
const MIN_MS = Date.UTC(1900, 0, 1);
const MAX_MS = Date.UTC(2299, 11, 31, 23, 59, 59, 999);

/**
 * `1700000000123` → `'2023-11-14 22:13:20.123'` (UTC), the `basic` input format pinned in settings.ts.
 * Throws `InvalidMentionError` for non-finite values or dates outside DateTime64's 1900–2299 range.
 */
export function toDateTime64(ms: number, field = 'timestamp'): string {
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS) {
    throw new InvalidMentionError(
      `${field} must be epoch milliseconds between 1900 and 2299, got ${String(ms)}`,
    );
  }
  // A page's rows share one fetched_at: remember the last conversion.
  if (ms === lastMs) return lastText;
  const iso = new Date(Math.round(ms)).toISOString(); // 'YYYY-MM-DDThh:mm:ss.sssZ' in this range
  lastMs = ms;
  lastText = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
  return lastText;
}

let lastMs = NaN;
let lastText = '';

/** `'2023-11-14 22:13:20.123'` (UTC, as ClickHouse prints DateTime64(3, 'UTC')) → epoch milliseconds. */
export function fromDateTime64(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}
