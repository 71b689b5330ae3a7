/**
 * Reading response bodies: JSON with a clear error for an HTML page or a truncated body, and a one-line
 * preview of any body for error messages.
 */

/** True when a body is an HTML document (an error or login page served instead of data). */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text);
}

/** First 80 characters of a body, on one line, for error messages. */
export function describeBody(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return 'empty body';
  return `"${flat.slice(0, 80)}${flat.length > 80 ? '…' : ''}"`;
}

/** The message for an HTML page served where JSON or XML was expected. */
export function htmlPageMessage(service: string, expected: string, text: string): string {
  return (
    `${service} returned an HTML page instead of ${expected} (${describeBody(text)}); ` +
    'the service may be down or blocking us'
  );
}

/**
 * Parses a JSON body.
 * @param transient builds the error thrown for an HTML page or a body that is not valid JSON (both are
 *   worth retrying: the service is down, or the response was cut short).
 */
export function parseJson<T>(
  service: string,
  text: string,
  transient: (message: string, cause?: unknown) => Error,
): T {
  if (looksLikeHtml(text)) throw transient(htmlPageMessage(service, 'JSON', text));
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw transient(
      `${service} returned a body that is not valid JSON (${describeBody(text)}); the response was ` +
        'probably truncated or the service is having trouble; it will be retried',
      error,
    );
  }
}
