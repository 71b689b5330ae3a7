/**
 * `earshot sql "<query>"`: one read-only query against Earshot's ClickHouse data. While `earshot up` runs it
 * goes through that process's loopback SQL endpoint (chDB allows one process per data dir); otherwise it opens
 * chDB directly, or the server named by CLICKHOUSE_URL.
 */
import type { Command } from 'commander';
import type { QueryParams, QueryResult } from '../../storage/query.js';
import { EXAMPLE_QUERIES } from '../../storage/schema.js';
import { runReadOnlyQuery, toObjects } from '../read-only-query.js';
import { columnWidths, escapeCell, padEndColumns, padStartColumns } from '../text-table.js';
import { dataDirOption } from '../options.js';

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
    .argument('<query>', `SQL, e.g. "${EXAMPLE_QUERIES.volumeByBrand}"`)
    .option('--json', 'print rows as a JSON array of objects (values exact: 64-bit integers as strings)')
    .addOption(dataDirOption())
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
