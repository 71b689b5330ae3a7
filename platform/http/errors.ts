/**
 * How an HTTP failure becomes an error. The HTTP layer decides *what kind* of failure a response is (the
 * classification below); each library decides *which error class* carries it, so connectors raise
 * `ConnectorAuthError`, a notifier its own, and activities map them all the same way.
 */

/** Builds the typed error for each kind of failure. */
export interface HttpErrorFactory {
  /** 401, or 403 not about rate limits: fatal until the credentials are fixed. */
  auth(message: string): Error;
  /** 429, or 403/400 about rate limits: retry after `retryAfterMs`. */
  rateLimited(message: string, retryAfterMs: number): Error;
  /** 404 / 410 / 400 / 422: fatal until the configured URL, ids or options are fixed. */
  rejected(message: string): Error;
  /** Network failure, timeout, 5xx, HTML instead of data, unparseable body: retry with backoff. */
  transient(message: string, cause?: unknown): Error;
}
