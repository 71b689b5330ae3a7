/**
 * Maps library errors to Temporal failures: fatal errors become non-retryable, an error carrying
 * `retryAfterMs` (any library's rate limit) retries after the wait it asked for, everything else retries
 * with the workflow's backoff.
 */
import { ApplicationFailure } from '@temporalio/common';
import {
  ConnectorAuthError,
  EarshotError,
  NON_RETRYABLE_ERROR_NAMES,
  retryAfterMsOf,
} from '../core/errors.js';

const NON_RETRYABLE: ReadonlySet<string> = new Set(NON_RETRYABLE_ERROR_NAMES);

/** Converts `error` (thrown while working for `sourceId`) into what the activity should throw. */
export function toActivityFailure(error: unknown, sourceId: string): Error {
  if (error instanceof ApplicationFailure) return error;
  const retryAfterMs = retryAfterMsOf(error);
  if (retryAfterMs !== undefined && error instanceof EarshotError) {
    return ApplicationFailure.create({
      type: error.name,
      message: `${error.message} (waiting ${Math.ceil(retryAfterMs / 1000)} s before retrying)`,
      nextRetryDelay: Math.max(1, retryAfterMs),
      cause: error,
    });
  }
  if (error instanceof ConnectorAuthError) {
    const message = error.message.startsWith('credentials rejected')
      ? error.message
      : `credentials rejected for ${sourceId}: ${error.message}`;
    return ApplicationFailure.nonRetryable(message, error.name);
  }
  if (error instanceof EarshotError) {
    return NON_RETRYABLE.has(error.name)
      ? ApplicationFailure.nonRetryable(error.message, error.name)
      : ApplicationFailure.retryable(error.message, error.name);
  }
  return error instanceof Error ? error : new Error(String(error));
}
