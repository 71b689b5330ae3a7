/**
 * Terminal column widths for the CLI's fixed-width tables (`earshot sql`, `status`, `connectors check`,
 * `eval`), where cells can hold any text a post or a config carries: `String.length` counts UTF-16 units, a
 * terminal shows wide CJK and emoji in two columns and combining marks in none.
 */
import stringWidth from 'string-width';

/**
 * Terminal columns `text` occupies (string-width: East Asian wide and emoji 2, an emoji sequence such as a
 * flag or a ZWJ family one glyph, combining and zero-width characters 0, ANSI escapes 0). Escape control
 * characters before printing; they are counted as 0 here.
 */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** `text` followed by spaces up to `width` terminal columns (as it is when already as wide). */
export function padEndColumns(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** `text` preceded by spaces up to `width` terminal columns (as it is when already as wide). */
export function padStartColumns(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/** Terminal width of the widest cell of each column of `rows` (the first row's length sets the columns). */
export function columnWidths(rows: readonly (readonly string[])[]): number[] {
  const widths = (rows[0] ?? []).map(() => 0);
  // A loop, not Math.max(...cells): a query result can have more rows than a call has room for arguments.
  for (const row of rows)
    for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, displayWidth(row[i] ?? ''));
  return widths;
}

// C0/C1 controls, DEL, line/paragraph separators, bidi overrides: shown as escapes so a cell stays on one
// line and cannot rewrite the terminal. Backslash is doubled so the escapes are unambiguous.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Makes a cell printable on one line: control characters become `\n`, `\t`, `\x01`, `\u2028`… */
export function escapeCell(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return (
      NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`)
    );
  });
}
