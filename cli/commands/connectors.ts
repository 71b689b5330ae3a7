/**
 * `earshot connectors …`: inspect connectors without running the pipeline.
 * - `parse <source> <file>`: normalize a raw API response body, print mentions as JSON lines;
 * - `check [--config <file>]`: run `check()` for every configured source and print a table;
 * - `list`: the known source types.
 */
import type { Command } from 'commander';
import { configOption } from '../options.js';

/** Registers `earshot connectors`. */
export function registerConnectorsCommand(program: Command): void {
  const connectors = program.command('connectors').description('Inspect and test source connectors');

  connectors
    .command('parse')
    .description('Normalize a raw API response body and print the mentions as JSON lines')
    .argument('<source>', 'source type (see `earshot connectors list`)')
    .argument('<file>', 'file holding the response body exactly as the API returned it')
    .action(async (source: string, file: string) => {
      const { runParse } = await import('../connectors-tools.js');
      process.exitCode = runParse(source, file, {
        out: (line) => process.stdout.write(`${line}\n`),
        err: (line) => process.stderr.write(`${line}\n`),
      });
    });

  connectors
    .command('check')
    .description('Run the health check of every configured source')
    .addOption(configOption())
    .action(async (opts: { config?: string }) => {
      const { checkSources, formatCheckTable } = await import('../connectors-tools.js');
      const { loadConfig } = await import('../config/load-config.js');
      const { config, origin } = loadConfig(opts.config);
      const rows = await checkSources(config, process.env);
      process.stdout.write(`Sources in ${origin}:\n${formatCheckTable(rows)}\n`);
      if (rows.some((r) => !r.health.ok)) process.exitCode = 1;
    });

  connectors
    .command('list')
    .description('List the known source types')
    .action(async () => {
      const { connectorTypes } = await import('../../connectors/registry.js');
      process.stdout.write(`${connectorTypes().join('\n')}\n`);
    });
}
