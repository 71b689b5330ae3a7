/**
 * The shared HTTP layer (platform/http) bound to the connector errors of core/errors.ts: every connector
 * request names its source, and its failures become `ConnectorAuthError` (fatal), `RateLimitedError
 * { retryAfterMs }`, `ConnectorConfigError` (fatal: fix the options) or `TransientSourceError` (retry).
 * The classification table lives in platform/http/classify.ts.
 */
import {
  ConnectorAuthError,
  ConnectorConfigError,
  RateLimitedError,
  TransientSourceError,
} from '../core/errors.js';
import {
  htmlPageMessage,
  httpRequest as sharedHttpRequest,
  parseJson,
  type HttpErrorFactory,
  type HttpRequest as SharedHttpRequest,
  type HttpResponse,
} from '../platform/http/index.js';

export {
  DEFAULT_RATE_LIMIT_WAIT_MS,
  DEFAULT_TIMEOUT_MS,
  USER_AGENT,
  describeBody,
  epochResetWaitMs,
  isoResetWaitMs,
  looksLikeHtml,
  parseLinkHeader,
  redditResetWaitMs,
  retryAfterHeaderMs,
  type ExpectedBody,
  type HeaderMap,
  type HttpResponse,
} from '../platform/http/index.js';

/** One source request: the shared request with the source id instead of a subject and error factory. */
export interface HttpRequest extends Omit<SharedHttpRequest, 'subject' | 'errors' | 'optionsHint'> {
  /** Configured source id, named in every error message. */
  sourceId: string;
}

/** The connector error classes for `sourceId`'s HTTP failures. */
export function connectorHttpErrors(sourceId: string): HttpErrorFactory {
  return {
    auth: (message) => new ConnectorAuthError(message, sourceId),
    rateLimited: (message, retryAfterMs) => new RateLimitedError(message, sourceId, retryAfterMs),
    rejected: (message) => new ConnectorConfigError(message, sourceId),
    transient: (message, cause) => new TransientSourceError(message, sourceId, { cause }),
  };
}

/**
 * Sends one request for a source and returns the body, or throws the connector error its status calls for.
 * @throws ConnectorAuthError on 401 and non-rate 403; RateLimitedError on 429 and rate-related 403/400;
 *   ConnectorConfigError on 404/410/400/422; TransientSourceError on network failures, timeouts, 5xx,
 *   an HTML page where JSON/XML was expected, and unparseable JSON.
 */
export function httpRequest<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
  const { sourceId, ...rest } = req;
  return sharedHttpRequest<T>({
    ...rest,
    subject: sourceId,
    optionsHint: 'the source options',
    errors: connectorHttpErrors(sourceId),
  });
}

/**
 * Parses a JSON body, or throws TransientSourceError naming an HTML page or a truncated/garbled body.
 * For connectors that fetch `text` first (e.g. to recognise a plain-text error) and then parse.
 */
export function parseJsonBody<T = unknown>(service: string, sourceId: string, text: string): T {
  return parseJson<T>(service, text, connectorHttpErrors(sourceId).transient);
}

/** The error for an HTML page served where JSON or XML was expected. */
export function htmlPageError(service: string, sourceId: string, expected: string, text: string) {
  return new TransientSourceError(htmlPageMessage(service, expected, text), sourceId);
}
