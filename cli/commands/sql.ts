/**
 * `earshot sql "<query>"`: one read-only query against Earshot's ClickHouse data. While `earshot up` runs it
 * goes through that process's loopback SQL endpoint (chDB allows one process per data dir); otherwise it opens
 * chDB directly, or the server named by CLICKHOUSE_URL.
 */
import type { Command } from 'commander';
import type { QueryParams, QueryResult } from '../../storage/query.js';
import { runReadOnlyQuery, toObjects } from '../read-only-query.js';
import { columnWidths, padEndColumns, padStartColumns } from '../text-table.js';

interface SqlOptions {
  json?: boolean;
  dataDir?: string;
  param: string[];
}

/** Registers `earshot sql`. */
export function registerSqlCommand(program: Command): void {
  program
    .command('sql')
    .description('run one read-only SQL query on the Earshot database (tables: see docs/schema.md)')
    .argument('<query>', 'SQL, e.g. "SELECT brand, sum(volume) FROM mention_hourly GROUP BY brand"')
    .option('--json', 'print rows as a JSON array of objects (values exact: 64-bit integers as strings)')
    .option('--data-dir <dir>', 'where data lives (default $EARSHOT_DATA_DIR or ./.earshot/data)')
    .option(
      '--param <name=value>',
      'bind a {name:Type} query parameter (repeatable)',
      (value: string, all: string[]) => [...all, value],
      [],
    )
    .action(async (query: string, opts: SqlOptions) => {
      const result = await runReadOnlyQuery(query, parseParams(opts.param), opts.dataDir);
      process.stdout.write(
        opts.json ? `${JSON.stringify(toObjects(result), null, 2)}\n` : formatTable(result),
      );
    });
}

function parseParams(pairs: string[]): QueryParams {
  const params: QueryParams = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--param ${JSON.stringify(pair)} must look like name=value`);
    params[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return params;
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

function cell(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return escapeCell(typeof value === 'string' ? value : JSON.stringify(value));
}

/** An aligned text table with a header, a rule and a row count. */
export function formatTable(result: QueryResult): string {
  const header = result.columns.map((c) => escapeCell(c.name));
  const body = result.rows.map((row) => result.columns.map((_, i) => cell(row[i])));
  const widths = columnWidths([header, ...body]);
  const numeric = result.columns.map((c) => /^(Nullable\()?(U?Int|Float|Decimal)/.test(c.type));
  const line = (cells: string[]): string =>
    cells
      .map((text, i) => (numeric[i] ? padStartColumns : padEndColumns)(text, widths[i] ?? 0))
      .join(' │ ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  const count = `(${result.rows.length} row${result.rows.length === 1 ? '' : 's'})`;
  if (header.length === 0) return `${count}\n`;
  return [line(header), rule, ...body.map(line), count].join('\n') + '\n';
}
