/**
 * The one HTTP helper every connector uses (axios underneath). It sends a descriptive User-Agent, applies a
 * per-request timeout and turns every failure into the typed errors of core/errors.ts, so connectors never
 * see raw axios errors and never retry themselves (Temporal retries activities):
 *
 * | response                                   | error                                            |
 * |--------------------------------------------|--------------------------------------------------|
 * | 401                                        | `ConnectorAuthError` (fatal)                     |
 * | 403 mentioning rate limit / abuse / quota  | `RateLimitedError`                               |
 * | other 403                                  | `ConnectorAuthError` (fatal)                     |
 * | 429                                        | `RateLimitedError { retryAfterMs }`              |
 * | 404 / 410, 400 / 422 (not rate-related)    | `ConnectorConfigError` (fatal: fix the options)  |
 * | 5xx, 408, other 4xx, network, timeout      | `TransientSourceError` (retry)                   |
 * | 2xx HTML page / unparseable JSON           | `TransientSourceError` (retry)                   |
 */
import axios, { type AxiosResponse } from 'axios';
import {
  ConnectorAuthError,
  ConnectorConfigError,
  RateLimitedError,
  TransientSourceError,
} from '../core/errors.js';
import { type HeaderMap, defaultRateLimitWaitMs, retryAfterHeaderMs } from './shared/rate-limit.js';

export type { HeaderMap } from './shared/rate-limit.js';
export {
  epochResetWaitMs,
  isoResetWaitMs,
  redditResetWaitMs,
  retryAfterHeaderMs,
  DEFAULT_RATE_LIMIT_WAIT_MS,
} from './shared/rate-limit.js';
export { parseLinkHeader } from './shared/link-header.js';

/** User-Agent sent on every request; Reddit and others throttle generic agents. */
export const USER_AGENT = 'Earshot/0.1 (+https://github.com/earshot)';

/** Default per-request timeout. */
export const DEFAULT_TIMEOUT_MS = 20_000;

/** What body the caller expects; `json` is parsed, `xml` and `text` are returned as strings. */
export type ExpectedBody = 'json' | 'xml' | 'text';

/** One request. Only `sourceId`, `url` and `expect` are required. */
export interface HttpRequest {
  /** Configured source id, named in every error message. */
  sourceId: string;
  /** Human name of the service for messages, e.g. `Reddit`. @default sourceId */
  service?: string;
  url: string;
  /** @default 'GET' */
  method?: 'GET' | 'POST';
  /** Query parameters; `undefined` values are dropped. */
  params?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Request body (a string is sent as is; set the content type in `headers`). */
  data?: string;
  /** Basic auth, e.g. for OAuth client-credentials token requests. */
  auth?: { username: string; password: string };
  expect: ExpectedBody;
  /** @default DEFAULT_TIMEOUT_MS */
  timeoutMs?: number;
  /**
   * What the user should set or fix when credentials are rejected, e.g.
   * `"the REDDIT_CLIENT_ID / REDDIT_CLIENT_SECRET env vars"`. Ends the auth error message.
   */
  authHint?: string;
  /** Source-specific wait parser used when `Retry-After` is absent (see shared/rate-limit.ts). */
  rateLimitWait?: (headers: HeaderMap, nowMs: number) => number | undefined;
  /** Statuses handed back to the caller instead of raising (e.g. 304 for conditional GET). */
  passStatuses?: readonly number[];
  /** Clock for HTTP-date / epoch computations. @default Date.now */
  now?: () => number;
}

/** A successful (or passed-through) response. Header names are lower-case. */
export interface HttpResponse<T> {
  status: number;
  headers: HeaderMap;
  /** Parsed JSON for `expect: 'json'`, the text otherwise; `undefined` for passed-through statuses. */
  body: T;
  /** The body exactly as received. */
  text: string;
}

const RATE_WORDS = /rate.?limit|too many requests|abuse|quota|throttl|slow down/i;

/**
 * Sends one request and returns the body, or throws the typed error the status calls for.
 * @throws ConnectorAuthError on 401 and non-rate 403; RateLimitedError on 429 and rate-related 403/400;
 *   ConnectorConfigError on 404/410/400/422; TransientSourceError on network failures, timeouts, 5xx,
 *   an HTML page where JSON/XML was expected, and unparseable JSON.
 */
export async function httpRequest<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
  const service = req.service ?? req.sourceId;
  const now = req.now ?? Date.now;
  let res: AxiosResponse<string>;
  try {
    res = await axios.request<string>({
      url: req.url,
      method: req.method ?? 'GET',
      params: req.params ? dropUndefined(req.params) : undefined,
      data: req.data,
      auth: req.auth,
      headers: { 'User-Agent': USER_AGENT, Accept: ACCEPT[req.expect], ...req.headers },
      timeout: req.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 5,
    });
  } catch (error) {
    throw networkError(service, req, error);
  }
  const headers = lowerCaseHeaders(res.headers);
  const text = typeof res.data === 'string' ? res.data : String(res.data ?? '');
  const status = res.status;
  if (req.passStatuses?.includes(status)) return { status, headers, body: undefined as T, text };
  if (status >= 200 && status < 300) {
    return { status, headers, body: parseBody<T>(service, req, text), text };
  }
  throw statusError(service, req, status, headers, text, now());
}

/**
 * Parses a JSON body, or throws TransientSourceError naming an HTML page or a truncated/garbled body.
 * Exported for connectors that fetch `text` first (e.g. to recognise a plain-text error) and then parse.
 */
export function parseJsonBody<T = unknown>(service: string, sourceId: string, text: string): T {
  if (looksLikeHtml(text)) throw htmlPageError(service, sourceId, 'JSON', text);
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new TransientSourceError(
      `${service} returned a body that is not valid JSON (${describeBody(text)}); the response was ` +
        'probably truncated or the service is having trouble; it will be retried',
      sourceId,
      { cause: error },
    );
  }
}

/** True when a body is an HTML document (an error or login page served instead of data). */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text);
}

/** The error for an HTML page served where JSON or XML was expected. */
export function htmlPageError(service: string, sourceId: string, expected: string, text: string) {
  return new TransientSourceError(
    `${service} returned an HTML page instead of ${expected} (${describeBody(text)}); ` +
      'the service may be down or blocking us',
    sourceId,
  );
}

/** First 80 characters of a body, on one line, for error messages. */
export function describeBody(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return 'empty body';
  return `"${flat.slice(0, 80)}${flat.length > 80 ? '…' : ''}"`;
}

const ACCEPT: Record<ExpectedBody, string> = {
  json: 'application/json',
  xml: 'application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  text: '*/*',
};

function parseBody<T>(service: string, req: HttpRequest, text: string): T {
  if (req.expect === 'json') return parseJsonBody<T>(service, req.sourceId, text);
  if (req.expect === 'xml' && looksLikeHtml(text)) throw htmlPageError(service, req.sourceId, 'XML', text);
  return text as T;
}

function statusError(
  service: string,
  req: HttpRequest,
  status: number,
  headers: HeaderMap,
  text: string,
  nowMs: number,
): Error {
  const detail = `HTTP ${status} ${describeBody(text)}`;
  const rateRelated = RATE_WORDS.test(text) || headers['x-ratelimit-remaining'] === '0';
  if (status === 429 || ((status === 403 || status === 400) && rateRelated)) {
    const waitMs =
      retryAfterHeaderMs(headers, nowMs) ?? req.rateLimitWait?.(headers, nowMs) ?? defaultRateLimitWaitMs();
    return new RateLimitedError(
      `${service} rate limit reached for ${req.sourceId} (${detail}); retrying in ${Math.ceil(waitMs / 1000)} s`,
      req.sourceId,
      waitMs,
    );
  }
  const fix = req.authHint ?? 'the credentials configured for this source';
  if (status === 401) {
    return new ConnectorAuthError(
      `credentials rejected for ${req.sourceId}: ${service} answered ${detail}; set/fix ${fix}`,
      req.sourceId,
    );
  }
  if (status === 403) {
    return new ConnectorAuthError(
      `access forbidden for ${req.sourceId}: ${service} answered ${detail} for ${redactUrl(req.url)}; ` +
        `the resource may be private, quarantined or need other scopes; check the source options and ${fix}`,
      req.sourceId,
    );
  }
  if (status === 404 || status === 410 || status === 400 || status === 422) {
    return new ConnectorConfigError(
      `${service} rejected the request of ${req.sourceId} (${detail}) for ${redactUrl(req.url)}; ` +
        'check the source options (URL, ids, query)',
      req.sourceId,
    );
  }
  return new TransientSourceError(
    `${service} failed for ${req.sourceId} (${detail}); it will be retried`,
    req.sourceId,
  );
}

function networkError(service: string, req: HttpRequest, error: unknown): TransientSourceError {
  const code = axios.isAxiosError(error) ? (error.code ?? '') : '';
  const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
  const what = timedOut
    ? `timed out after ${req.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`
    : `could not be reached (${code || (error instanceof Error ? error.message : String(error))})`;
  return new TransientSourceError(
    `${service} ${what} for ${req.sourceId} at ${redactUrl(req.url)}`,
    req.sourceId,
    {
      cause: error,
    },
  );
}

/** Drops the query string, which may carry API keys. */
function redactUrl(url: string): string {
  return url.split('?')[0] ?? url;
}

function dropUndefined(
  params: NonNullable<HttpRequest['params']>,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = v;
  return out;
}

function lowerCaseHeaders(raw: unknown): HeaderMap {
  const out: HeaderMap = {};
  if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (v === undefined || v === null) continue;
      out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
    }
  }
  return out;
}
