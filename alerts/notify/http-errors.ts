/** The HTTP layer's failure kinds as notifier errors, each with what the user should fix. */
import {
  NotifierAuthError,
  NotifierRateLimitedError,
  NotifierRejectedError,
  NotifierUnavailableError,
} from '../../core/errors.js';
import type { HttpErrorFactory } from '../../platform/http/index.js';

/** Errors for channel `channel`; `where` names what holds its URL (an env var, a config line). */
export function notifierHttpErrors(channel: string, where: string): HttpErrorFactory {
  return {
    auth: (message) =>
      new NotifierAuthError(
        message,
        channel,
        `The ${channel} endpoint refused us: check the URL in ${where}.`,
      ),
    rateLimited: (message, retryAfterMs) =>
      new NotifierRateLimitedError(
        message,
        channel,
        'Nothing to do: it is retried after the wait.',
        retryAfterMs,
      ),
    rejected: (message) =>
      new NotifierRejectedError(
        message,
        channel,
        `The ${channel} endpoint does not accept our messages: check the URL in ${where} (deleted webhook, archived channel?).`,
      ),
    transient: (message, cause) =>
      new NotifierUnavailableError(
        message,
        channel,
        `The ${channel} endpoint is unreachable or failing: it is retried; check the URL in ${where} and the network.`,
        { cause },
      ),
  };
}

/**
 * Runs `fn`, and replaces `secret` (a webhook URL whose path is the credential) in any error's message by the
 * name of the variable holding it, so the message can be logged and stored.
 */
export async function withSecretRedacted<T>(secret: string, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Error && secret) {
      const withoutQuery = secret.split('?')[0] ?? secret;
      error.message = error.message.replaceAll(secret, `$${name}`).replaceAll(withoutQuery, `$${name}`);
    }
    throw error;
  }
}
