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
