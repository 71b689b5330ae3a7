/**
 * Error classes shared across Earshot. Each library has one base class; subclasses say what the caller
 * should do. Activities map them to Temporal retry behaviour by `name` (see activities/errors.ts).
 */

/** Base of every error Earshot raises on purpose. */
export class EarshotError extends Error {
  override name: string = 'EarshotError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The user's configuration is invalid; fatal until the config is fixed. */
export class ConfigError extends EarshotError {
  override name = 'ConfigError' as const;
  /** One line per problem: `path: what is wrong — how to fix`. */
  readonly problems: string[];
  constructor(message: string, problems: string[] = [], options?: { cause?: unknown }) {
    super(problems.length ? `${message}\n  - ${problems.join('\n  - ')}` : message, options);
    this.problems = problems;
  }
}

/** Base class for connector failures. `source` is the configured source id. */
export class ConnectorError extends EarshotError {
  override name: string = 'ConnectorError';
  constructor(
    message: string,
    readonly source: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A source's options or credentials are missing or malformed; fatal (fix the config). */
export class ConnectorConfigError extends ConnectorError {
  override name = 'ConnectorConfigError' as const;
}

/** The source rejected our credentials (401, 403 not rate-related); fatal until the user fixes them. */
export class ConnectorAuthError extends ConnectorError {
  override name = 'ConnectorAuthError' as const;
}

/** The source asked us to slow down; retry after `retryAfterMs`. */
export class RateLimitedError extends ConnectorError {
  override name = 'RateLimitedError' as const;
  constructor(
    message: string,
    source: string,
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, source, options);
  }
}

/** Network failure, 5xx, HTML error page, truncated JSON: retry with backoff. */
export class TransientSourceError extends ConnectorError {
  override name = 'TransientSourceError' as const;
}

/** Pagination returned a token or cursor it already gave; stop instead of looping (fatal for this run). */
export class PaginationLoopError extends ConnectorError {
  override name = 'PaginationLoopError' as const;
}

/** One record could not be normalized; the page goes on, the record is skipped and counted. */
export class InvalidRecordError extends ConnectorError {
  override name = 'InvalidRecordError' as const;
}

/** Base class for storage failures (ClickHouse unreachable, migration failed, bad query). */
export class StorageError extends EarshotError {
  override name: string = 'StorageError';
}

/** Base class for sentiment engine failures (model file missing or corrupt). */
export class SentimentError extends EarshotError {
  override name: string = 'SentimentError';
}

/**
 * The wait an error asks for before a retry: `retryAfterMs` on any Earshot error (a connector's
 * `RateLimitedError`, and the notifiers' and publishers' own rate-limit errors alike), else undefined.
 */
export function retryAfterMsOf(error: unknown): number | undefined {
  if (!(error instanceof EarshotError)) return undefined;
  const wait = (error as { retryAfterMs?: unknown }).retryAfterMs;
  return typeof wait === 'number' && Number.isFinite(wait) ? wait : undefined;
}

/** Base class for alert failures: detection input, and delivery to a channel (`channel`, `fix` for people). */
export class AlertError extends EarshotError {
  override name: string = 'AlertError';
  constructor(
    message: string,
    /** Configured channel name, or '' when not about a channel. */
    readonly channel: string,
    /** What the user should do about it, shown by `earshot status` and `earshot alerts list`. */
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The channel refused our credentials (Slack token revoked, SMTP login refused); fatal until fixed. */
export class NotifierAuthError extends AlertError {
  override name = 'NotifierAuthError' as const;
}

/** The channel refused the message or its address (404 webhook, archived Slack channel, bad recipient). */
export class NotifierRejectedError extends AlertError {
  override name = 'NotifierRejectedError' as const;
}

/** The channel is unreachable or failing (network, timeout, 5xx); retried with backoff. */
export class NotifierUnavailableError extends AlertError {
  override name = 'NotifierUnavailableError' as const;
}

/** The channel asked us to slow down; retry after `retryAfterMs`. */
export class NotifierRateLimitedError extends AlertError {
  override name = 'NotifierRateLimitedError' as const;
  constructor(
    message: string,
    channel: string,
    fix: string,
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, channel, fix, options);
  }
}

/** Base class for publishing dashboards to Grafana. `fix` says what the user should change. */
export class GrafanaError extends EarshotError {
  override name: string = 'GrafanaError';
  constructor(
    message: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} Fix: ${fix}`, options);
  }
}

/** Grafana refused the service-account token (401) or its permissions (403); fatal until fixed. */
export class GrafanaAuthError extends GrafanaError {
  override name = 'GrafanaAuthError' as const;
}

/** Grafana refused the request itself (404 wrong URL, 412 conflict, 400 bad dashboard); fatal until fixed. */
export class GrafanaRejectedError extends GrafanaError {
  override name = 'GrafanaRejectedError' as const;
}

/** Grafana is unreachable or failing (network, timeout, 5xx); retried with backoff. */
export class GrafanaUnavailableError extends GrafanaError {
  override name = 'GrafanaUnavailableError' as const;
}

/** Grafana asked us to slow down (429); retry after `retryAfterMs`. */
export class GrafanaRateLimitedError extends GrafanaError {
  override name = 'GrafanaRateLimitedError' as const;
  constructor(
    message: string,
    fix: string,
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, fix, options);
  }
}

/** Error names that must never be retried by Temporal; a library adds its fatal error names here. */
export const NON_RETRYABLE_ERROR_NAMES = [
  'ConfigError',
  'ConnectorConfigError',
  'ConnectorAuthError',
  'PaginationLoopError',
  'NotifierAuthError',
  'NotifierRejectedError',
  'GrafanaAuthError',
  'GrafanaRejectedError',
] as const;

/** `{ ok: true } | { ok: false, error }`: what health checks return; they never throw. */
export type HealthResult = { ok: true; detail?: string } | { ok: false; error: string };
