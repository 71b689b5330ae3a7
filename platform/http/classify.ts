/**
 * The HTTP error classifier: which kind of failure a response status is, and the message a person reads.
 *
 * | response                                   | kind                                      |
 * |--------------------------------------------|-------------------------------------------|
 * | 401                                        | `auth` (fatal)                            |
 * | 403 mentioning rate limit / abuse / quota  | `rateLimited`                             |
 * | other 403                                  | `auth` (fatal)                            |
 * | 429                                        | `rateLimited { retryAfterMs }`            |
 * | 404 / 410, 400 / 422 (not rate-related)    | `rejected` (fatal: fix the URL / options) |
 * | 5xx, 408, other 4xx, network, timeout      | `transient` (retry)                       |
 */
import { describeBody } from './body.js';
import type { HttpErrorFactory } from './errors.js';
import { type HeaderMap, defaultRateLimitWaitMs, retryAfterHeaderMs } from './rate-limit.js';

const RATE_WORDS = /rate.?limit|too many requests|abuse|quota|throttl|slow down/i;

/** What the messages need to know about the request that failed. */
export interface FailedRequest {
  /** Who the request was for, named in every message: a source id, `slack`, `grafana`. */
  subject: string;
  /** Human name of the service, e.g. `Reddit`. */
  service: string;
  url: string;
  /** What to set or fix when credentials are rejected. */
  authHint?: string;
  /** What holds the URL and ids, for `rejected` and `forbidden` messages. @default 'the configured URL and options' */
  optionsHint?: string;
  /** Service-specific wait parser used when `Retry-After` is absent. */
  rateLimitWait?: (headers: HeaderMap, nowMs: number) => number | undefined;
}

/** Turns a non-2xx response into the error its status calls for. */
export function statusError(
  req: FailedRequest,
  errors: HttpErrorFactory,
  status: number,
  headers: HeaderMap,
  text: string,
  nowMs: number,
): Error {
  const { service, subject } = req;
  const detail = `HTTP ${status} ${describeBody(text)}`;
  const rateRelated = RATE_WORDS.test(text) || headers['x-ratelimit-remaining'] === '0';
  if (status === 429 || ((status === 403 || status === 400) && rateRelated)) {
    const waitMs =
      retryAfterHeaderMs(headers, nowMs) ?? req.rateLimitWait?.(headers, nowMs) ?? defaultRateLimitWaitMs();
    return errors.rateLimited(
      `${service} rate limit reached for ${subject} (${detail}); retrying in ${Math.ceil(waitMs / 1000)} s`,
      waitMs,
    );
  }
  const fix = req.authHint ?? 'the credentials configured for this source';
  const options = req.optionsHint ?? 'the configured URL and options';
  if (status === 401) {
    return errors.auth(`credentials rejected for ${subject}: ${service} answered ${detail}; set/fix ${fix}`);
  }
  if (status === 403) {
    return errors.auth(
      `access forbidden for ${subject}: ${service} answered ${detail} for ${redactUrl(req.url)}; ` +
        `the resource may be private, quarantined or need other scopes; check ${options} and ${fix}`,
    );
  }
  if (status === 404 || status === 410 || status === 400 || status === 422) {
    return errors.rejected(
      `${service} rejected the request of ${subject} (${detail}) for ${redactUrl(req.url)}; ` +
        `check ${options} (URL, ids, query)`,
    );
  }
  return errors.transient(`${service} failed for ${subject} (${detail}); it will be retried`);
}

/** Drops the query string, which may carry API keys. */
export function redactUrl(url: string): string {
  return url.split('?')[0] ?? url;
}
