/**
 * A small ClickHouse SQL scanner: enough to tell whether a text holds more than one statement. Strings
 * ('…' with \\ and '' escapes), quoted identifiers ("…", `…`), heredocs ($tag$…$tag$) and comments
 * (--, #, /* … *\/) are skipped; a `;` outside them separates statements.
 */

/** Number of non-empty statements in `sql` (0 for blank or comment-only text). */
export function countStatements(sql: string): number {
  let count = 0;
  let pending = false;
  let i = 0;
  const n = sql.length;
  const skipQuoted = (quote: string): void => {
    i++;
    while (i < n) {
      const c = sql[i];
      if (c === '\\') i += 2;
      else if (c === quote && sql[i + 1] === quote) i += 2;
      else if (c === quote) {
        i++;
        return;
      } else i++;
    }
  };
  while (i < n) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (c === "'" || c === '"' || c === '`') {
      pending = true;
      skipQuoted(c);
    } else if ((c === '-' && next === '-') || c === '#') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === '$') {
      const tag = /^\$[A-Za-z0-9_]*\$/.exec(sql.slice(i, i + 64))?.[0];
      pending = true;
      if (tag) {
        const end = sql.indexOf(tag, i + tag.length);
        i = end === -1 ? n : end + tag.length;
      } else i++;
    } else if (c === ';') {
      if (pending) count++;
      pending = false;
      i++;
    } else {
      if (!/\s/.test(c)) pending = true;
      i++;
    }
  }
  return count + (pending ? 1 : 0);
}
