/** Durations as the config writes them: `30s`, `15m`, `1h`, `1d` (and `ms` for tests). */
import { z } from 'zod';

const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration such as `30s`, `15m`, `1h`, `1d`. */
export const DurationSchema = z
  .string()
  .regex(DURATION, 'expected a duration such as "30s", "15m", "1h" or "1d"');

/**
 * Converts a `DurationSchema` string to milliseconds.
 * @throws Error when `duration` is not a duration (the schema rejects those first).
 */
export function durationMs(duration: string): number {
  const match = DURATION.exec(duration);
  if (!match) throw new Error(`Not a duration: ${duration}`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
