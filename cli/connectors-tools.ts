/**
 * The work behind `earshot connectors parse | check | list`, kept apart from the command registration so
 * other commands start without loading every connector.
 */
import { readFileSync } from 'node:fs';
import type { EarshotConfig } from '../core/config/index.js';
import type { HealthResult } from '../core/errors.js';
import { silentLogger } from '../core/logger.js';
import { getConnectorDefinition } from '../connectors/registry.js';
import { createSourceConnector } from '../worker/sources.js';
import { columnWidths, escapeCell, padEndColumns } from './text-table.js';

/** One row of `connectors check`. */
export interface CheckRow {
  source: string;
  type: string;
  health: HealthResult;
}

/**
 * `connectors parse`: returns the exit code (0 ok, 2 unreadable or unparseable input).
 * Mentions go to `out` as JSON lines, the skipped count and errors to `err`.
 */
export function runParse(
  source: string,
  file: string,
  io: { out(l: string): void; err(l: string): void },
): number {
  let body: string;
  try {
    body = readFileSync(file, 'utf8');
  } catch (error) {
    io.err(`earshot connectors parse: cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  try {
    const definition = getConnectorDefinition(source);
    const parsed = definition.parse(body, source);
    for (const mention of parsed.mentions) io.out(JSON.stringify(mention));
    io.err(`parsed ${parsed.mentions.length} mention(s); skipped_invalid ${parsed.skippedInvalid}`);
    return 0;
  } catch (error) {
    io.err(
      `earshot connectors parse: cannot parse ${file} as a ${source} response: ${(error as Error).message}`,
    );
    return 2;
  }
}

/** Runs `check()` for every configured source (enabled or not), in config order; never throws. */
export async function checkSources(
  config: EarshotConfig,
  env: NodeJS.ProcessEnv,
  now: () => number = Date.now,
): Promise<CheckRow[]> {
  const rows: CheckRow[] = [];
  for (const source of config.sources) {
    const brands = config.brands.filter((b) => source.brands.includes(b.key));
    let health: HealthResult;
    try {
      const { connector } = createSourceConnector(source, brands, env, silentLogger, now);
      health = await connector.check();
    } catch (error) {
      health = { ok: false, error: (error as Error).message };
    }
    rows.push({ source: source.id, type: source.type, health });
  }
  return rows;
}

/** A fixed-width table: SOURCE, TYPE, STATUS, DETAIL. */
export function formatCheckTable(rows: CheckRow[]): string {
  if (rows.length === 0) return '  (no sources configured)';
  // The detail quotes what a remote service answered: escaped so it cannot rewrite the terminal.
  const cells = rows.map((r) => [
    r.source,
    r.type,
    r.health.ok ? 'ok' : 'FAILED',
    escapeCell((r.health.ok ? (r.health.detail ?? '') : r.health.error).replace(/\s+/g, ' ')),
  ]);
  const header = ['SOURCE', 'TYPE', 'STATUS', 'DETAIL'];
  const widths = columnWidths([header, ...cells]);
  const line = (c: string[]) =>
    [0, 1, 2].map((i) => padEndColumns(c[i]!, widths[i]!)).join('  ') + `  ${c[3]!}`;
  return [line(header), ...cells.map(line)].join('\n');
}
