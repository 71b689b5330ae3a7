/**
 * Errors the way ClickHouse's HTTP interface sends them: a status, the text `Code: N. DB::Exception: … (NAME)`
 * and the `X-ClickHouse-Exception-Code` header, so each client raises its usual exception type. Errors the
 * engine raises pass through with their own code; the server's own refusals use the codes ClickHouse uses
 * for the same situation.
 */

/** ClickHouse error codes this server raises itself (names as in ClickHouse's ErrorCodes.cpp). */
export const CODES = {
  UNKNOWN_SETTING: 115,
  READONLY: 164,
  BAD_ARGUMENTS: 36,
  SYNTAX_ERROR: 62,
  TOO_MANY_SIMULTANEOUS_QUERIES: 202,
  NOT_IMPLEMENTED: 48,
  QUERY_IS_PROHIBITED: 392,
  AUTHENTICATION_FAILED: 516,
  UNKNOWN_FORMAT: 73,
  CANNOT_DECOMPRESS: 271,
  TIMEOUT_EXCEEDED: 159,
  SESSION_NOT_FOUND: 372,
  SESSION_IS_LOCKED: 373,
  NETWORK_ERROR: 210,
  LIMIT_EXCEEDED: 290,
  UNKNOWN_TYPE: 50,
} as const;

const NAMES = new Map<number, string>(Object.entries(CODES).map(([name, code]) => [code, name]));

/** An error to answer in ClickHouse's shape. */
export class ClickHouseHttpError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status: number = statusOf(code),
  ) {
    super(message);
    this.name = 'ClickHouseHttpError';
  }

  /** `Code: N. DB::Exception: <message>. (NAME)` */
  get text(): string {
    const name = NAMES.get(this.code);
    return `Code: ${this.code}. DB::Exception: ${this.message}${name ? ` (${name})` : ''}`;
  }
}

/** Maps an error thrown by chDB (its message is already `Code: N. DB::Exception: …`) to a ClickHouseHttpError. */
export function fromEngineError(error: unknown): ClickHouseHttpError & { engineText?: string } {
  if (error instanceof ClickHouseHttpError) return error;
  const text = (error instanceof Error ? error.message : String(error)).trim();
  const match = /^Code: (\d+)\. DB::Exception: ([\s\S]*)$/.exec(text);
  const code = match ? Number(match[1]) : 1001; // 1001 STD_EXCEPTION: ClickHouse's code for a non-ClickHouse error
  const mapped = new ClickHouseHttpError(code, match?.[2] ?? text) as ClickHouseHttpError & {
    engineText?: string;
  };
  mapped.engineText = match ? text : undefined;
  return mapped;
}

/** The full error text sent to the client. */
export function errorText(error: ClickHouseHttpError & { engineText?: string }): string {
  return `${error.engineText ?? error.text}\n`;
}

/**
 * The HTTP status ClickHouse gives each error code (HTTPHandler's exceptionCodeToHTTPStatus, abridged to
 * the codes the embedded store can raise): auth 401/403, access 403, unknown objects 404, malformed
 * queries 400, limits 413/503, everything else 500.
 */
export function statusOf(code: number): number {
  if (code === CODES.AUTHENTICATION_FAILED || code === 194 || code === 192 || code === 193) return 401;
  if (code === CODES.READONLY || code === CODES.QUERY_IS_PROHIBITED || code === 497) return 403;
  // UNKNOWN_TABLE, UNKNOWN_DATABASE, UNKNOWN_IDENTIFIER, UNKNOWN_FUNCTION, UNKNOWN_SETTING, UNKNOWN_TYPE, …
  if ([60, 81, 47, 46, 115, 50, 73, 16, 63].includes(code)) return 404;
  // SYNTAX_ERROR, BAD_ARGUMENTS, CANNOT_PARSE_*, TYPE_MISMATCH, ILLEGAL_TYPE_OF_ARGUMENT, CANNOT_DECOMPRESS, …
  if ([62, 36, 27, 53, 6, 69, 44, 41, 457, 456, 26, 25, 38, 43, 117, 271].includes(code)) return 400;
  if (code === CODES.NOT_IMPLEMENTED) return 501;
  if (code === CODES.TOO_MANY_SIMULTANEOUS_QUERIES) return 503;
  if (code === CODES.SESSION_IS_LOCKED || code === CODES.SESSION_NOT_FOUND) return 400;
  return 500;
}
