/** Public surface of the shared HTTP layer: one request helper, its error classifier and header parsers. */
export {
  DEFAULT_TIMEOUT_MS,
  USER_AGENT,
  httpRequest,
  type ExpectedBody,
  type HttpRequest,
  type HttpResponse,
} from './request.js';
export type { HttpErrorFactory } from './errors.js';
export { redactUrl, statusError, type FailedRequest } from './classify.js';
export { describeBody, htmlPageMessage, looksLikeHtml, parseJson } from './body.js';
export {
  DEFAULT_RATE_LIMIT_WAIT_MS,
  clampWait,
  epochResetWaitMs,
  isoResetWaitMs,
  redditResetWaitMs,
  retryAfterHeaderMs,
  type HeaderMap,
} from './rate-limit.js';
export { parseLinkHeader } from './link-header.js';
