/**
 * The one HTTP request helper (axios underneath) for everything Earshot calls: source APIs, and soon Slack,
 * webhooks and Grafana. It sends a descriptive User-Agent, applies a per-request timeout, never retries by
 * itself (Temporal retries activities) and turns every failure into the caller's typed errors through the
 * classifier in `classify.ts`, so callers never see raw axios errors.
 */
import axios, { type AxiosResponse } from 'axios';
import { htmlPageMessage, looksLikeHtml, parseJson } from './body.js';
import { type FailedRequest, redactUrl, statusError } from './classify.js';
import type { HttpErrorFactory } from './errors.js';
import type { HeaderMap } from './rate-limit.js';

/** User-Agent sent on every request; Reddit and others throttle generic agents. */
export const USER_AGENT = 'Earshot/0.1 (+https://github.com/earshot)';

/** Default per-request timeout. */
export const DEFAULT_TIMEOUT_MS = 20_000;

/** What body the caller expects; `json` is parsed, `xml` and `text` are returned as strings. */
export type ExpectedBody = 'json' | 'xml' | 'text';

/** One request. `subject`, `url`, `expect` and `errors` are required. */
export interface HttpRequest extends Omit<FailedRequest, 'service'> {
  /** Human name of the service for messages, e.g. `Reddit`. @default subject */
  service?: string;
  /** @default 'GET' */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
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
  /** Statuses handed back to the caller instead of raising (e.g. 304 for conditional GET). */
  passStatuses?: readonly number[];
  /** Clock for HTTP-date / epoch computations. @default Date.now */
  now?: () => number;
  /** The caller's error classes for each kind of failure. */
  errors: HttpErrorFactory;
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

const ACCEPT: Record<ExpectedBody, string> = {
  json: 'application/json',
  xml: 'application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  text: '*/*',
};

/**
 * Sends one request and returns the body, or throws the error its failure calls for (see classify.ts):
 * `errors.auth` on 401 and non-rate 403, `errors.rateLimited` on 429 and rate-related 403/400,
 * `errors.rejected` on 404/410/400/422, `errors.transient` on network failures, timeouts, 5xx, an HTML page
 * where JSON/XML was expected, and unparseable JSON.
 */
export async function httpRequest<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
  const service = req.service ?? req.subject;
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
  throw statusError({ ...req, service }, req.errors, status, headers, text, now());
}

function parseBody<T>(service: string, req: HttpRequest, text: string): T {
  const transient = (message: string, cause?: unknown) => req.errors.transient(message, cause);
  if (req.expect === 'json') return parseJson<T>(service, text, transient);
  if (req.expect === 'xml' && looksLikeHtml(text)) {
    throw transient(htmlPageMessage(service, 'XML', text));
  }
  return text as T;
}

function networkError(service: string, req: HttpRequest, error: unknown): Error {
  const code = axios.isAxiosError(error) ? (error.code ?? '') : '';
  const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
  const what = timedOut
    ? `timed out after ${req.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`
    : `could not be reached (${code || (error instanceof Error ? error.message : String(error))})`;
  return req.errors.transient(`${service} ${what} for ${req.subject} at ${redactUrl(req.url)}`, error);
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
