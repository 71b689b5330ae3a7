/**
 * How long to wait after a rate-limit response. `Retry-After` wins when present; otherwise each source's own
 * reset header is read by the matching function here, passed to `httpRequest` as `rateLimitWait`.
 */

/** Response headers with lower-case names. */
export type HeaderMap = Record<string, string>;

/** Wait used when a rate-limit response says nothing about when to come back. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

const MIN_WAIT_MS = 1_000;
const MAX_WAIT_MS = 24 * 3_600_000;

/** Clamps a wait to [1 s, 24 h]; a reset in the past still waits one second. */
export function clampWait(ms: number): number {
  return Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, Math.ceil(ms)));
}

/** The default wait (a function so callers read it at call time). */
export function defaultRateLimitWaitMs(): number {
  return DEFAULT_RATE_LIMIT_WAIT_MS;
}

/** `Retry-After: <seconds>` or `Retry-After: <HTTP date>` (RFC 9110 §10.2.3). */
export function retryAfterHeaderMs(headers: HeaderMap, nowMs: number): number | undefined {
  const value = headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return clampWait(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : clampWait(at - nowMs);
}

/** Reddit: `X-Ratelimit-Reset` = seconds until the window ends (sometimes a float string like `"15.0"`). */
export function redditResetWaitMs(headers: HeaderMap): number | undefined {
  const seconds = Number(headers['x-ratelimit-reset']);
  return headers['x-ratelimit-reset'] && Number.isFinite(seconds) ? clampWait(seconds * 1000) : undefined;
}

/**
 * GitHub `X-RateLimit-Reset` / Bluesky `RateLimit-Reset` / X `x-rate-limit-reset`: the reset instant in epoch
 * seconds. A small value (below one day) is read as delta seconds, as the IETF RateLimit draft specifies.
 */
export function epochResetWaitMs(headers: HeaderMap, nowMs: number): number | undefined {
  const raw = headers['x-ratelimit-reset'] ?? headers['ratelimit-reset'] ?? headers['x-rate-limit-reset'];
  const value = Number(raw);
  if (!raw || !Number.isFinite(value)) return undefined;
  return clampWait(value < 86_400 ? value * 1000 : value * 1000 - nowMs);
}

/** Mastodon: `X-RateLimit-Reset` is an ISO 8601 timestamp. */
export function isoResetWaitMs(headers: HeaderMap, nowMs: number): number | undefined {
  const raw = headers['x-ratelimit-reset'];
  const at = raw ? Date.parse(raw) : Number.NaN;
  return Number.isNaN(at) ? undefined : clampWait(at - nowMs);
}
