import { EarshotError } from '../../core/errors.js';

/**
 * A brand query could not be parsed. Fatal until the query in the config is fixed.
 *
 * The message repeats the offending line with a caret under the problem, like a compiler:
 *
 * ```
 * ("acme air" OR) AND x
 *             ^ expected a term after OR at column 13
 * ```
 *
 * It extends `EarshotError` rather than `ConnectorConfigError` because a query belongs to a brand, not to
 * a source; the config loader should catch it and name the config path (`brands[2].query`).
 */
export class QuerySyntaxError extends EarshotError {
  override name = 'QuerySyntaxError' as const;
  /** The query text as given. */
  readonly query: string;
  /** 1-based line of the problem inside `query` (1 unless the query spans several lines). */
  readonly line: number;
  /** 1-based column of the problem inside its line. */
  readonly column: number;
  /** 0-based offset of the problem inside `query`. */
  readonly offset: number;
  /** The problem alone, without the excerpt and caret, e.g. `expected a term after OR`. */
  readonly reason: string;

  constructor(query: string, offset: number, reason: string) {
    const { line, column, lineText } = locate(query, offset);
    const where = line === 1 ? `column ${column}` : `line ${line}, column ${column}`;
    super(`${lineText}\n${' '.repeat(column - 1)}^ ${reason} at ${where}`);
    this.query = query;
    this.line = line;
    this.column = column;
    this.offset = offset;
    this.reason = reason;
  }
}

function locate(text: string, offset: number): { line: number; column: number; lineText: string } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd === -1) lineEnd = text.length;
  // Tabs would misalign the caret; the excerpt shows them as spaces.
  const lineText = text.slice(lineStart, lineEnd).replace(/[\t\r]/g, ' ');
  return { line, column: offset - lineStart + 1, lineText };
}
