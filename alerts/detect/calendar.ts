/**
 * Local wall-clock position of a bucket (minute of the week, Monday 00:00 = 0) in the brand's time zone,
 * and the "Tuesday 10:00" label of strength texts. Offsets come from Intl, cached per UTC hour (DST-safe).
 */

const MINUTES_PER_WEEK = 7 * 24 * 60;
const HOUR_MS = 3_600_000;
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Maps instants to local minute-of-week for one time zone. */
export interface Calendar {
  /** Minute of the week (0 ≤ m < 10080, fractional) of instant `ms`, Monday 00:00 local = 0. */
  minuteOfWeek(ms: number): number;
  /** "Tuesday 10:00" for instant `ms`, local time. */
  label(ms: number): string;
}

/** A calendar for `timeZone` (IANA name; UTC when absent). Throws a RangeError for an unknown zone. */
export function createCalendar(timeZone = 'UTC'): Calendar {
  const utc = timeZone === 'UTC' || timeZone === 'Etc/UTC';
  const format = utc
    ? undefined
    : new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
  const offsets = new Map<number, number>();
  const offsetMs = (ms: number): number => {
    if (!format) return 0;
    const hour = Math.floor(ms / HOUR_MS);
    let off = offsets.get(hour);
    if (off === undefined) {
      const parts = Object.fromEntries(format.formatToParts(hour * HOUR_MS).map((p) => [p.type, p.value]));
      const local = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!);
      off = local - hour * HOUR_MS;
      if (offsets.size > 10_000) offsets.clear();
      offsets.set(hour, off);
    }
    return off;
  };
  const minuteOfWeek = (ms: number): number => {
    const localMinutes = (ms + offsetMs(ms)) / 60_000;
    // 1970-01-01 was a Thursday: shift so that Monday 00:00 is 0.
    const m = (localMinutes + 3 * 24 * 60) % MINUTES_PER_WEEK;
    return m < 0 ? m + MINUTES_PER_WEEK : m;
  };
  return {
    minuteOfWeek,
    label(ms) {
      const m = Math.floor(minuteOfWeek(ms));
      const day = DAYS[Math.floor(m / 1440)]!;
      const hh = String(Math.floor((m % 1440) / 60)).padStart(2, '0');
      const mm = String(m % 60).padStart(2, '0');
      return `${day} ${hh}:${mm}`;
    },
  };
}
