/** Shared text helpers of the `earshot alerts` commands: times, durations, deliveries, a table. */
import type { AlertDelivery } from '../../core/alert.js';
import { formatTable } from '../commands/sql.js';

/** `2026-12-01 10:25 UTC`. */
export function utc(ms: number | null): string {
  return ms === null ? '' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * An instant from `--since` / `--from` / `--to`: a duration back from now (`30m`, `24h`, `7d`), an ISO date or
 * date-time (`2026-11-30`, `2026-11-30T10:00Z`; no zone means UTC). Throws naming the flag when unreadable.
 */
export function parseInstant(flag: string, value: string, now = Date.now()): number {
  const ago = /^(\d+)(m|h|d)$/.exec(value);
  if (ago)
    return now - Number(ago[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[ago[2] as 'm' | 'h' | 'd'];
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(value)
    ? `${value}${value.length > 10 ? 'Z' : 'T00:00Z'}`
    : value;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) {
    throw new Error(
      `${flag} "${value}" is neither a duration back from now (30m, 24h, 7d) nor a date (2026-11-30, 2026-11-30T10:00Z)`,
    );
  }
  return ms;
}

/** One delivery as a person reads it: `terminal sent`, `slack FAILED ×3`, `mail waiting (quiet hours)`. */
export function deliveryWord(d: AlertDelivery, now = Date.now()): string {
  if (d.status === 'sent') return `${d.channel} sent`;
  if (d.status === 'failed') return `${d.channel} FAILED ×${d.attempts}`;
  return d.notBefore > now ? `${d.channel} waiting until ${utc(d.notBefore)}` : `${d.channel} pending`;
}

/** A text table of string cells. */
export function table(
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string {
  return formatTable({
    columns: columns.map((name) => ({ name, type: 'String' })),
    rows: rows.map((r) => r.map((c) => (typeof c === 'number' ? String(c) : c))),
  });
}
