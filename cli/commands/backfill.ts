/**
 * `earshot backfill --source <id> --from <date> [--to <date>]`: starts (or re-attaches to) the durable
 * backfill workflow of a source and shows its progress. The workflow runs on the worker of
 * `earshot up` / `earshot worker`; closing this command does not stop it, and running the same
 * command again re-attaches to it.
 */
import type { Command } from 'commander';
import { ConfigError } from '../../core/errors.js';
import { backfillWorkflowId } from '../../core/temporal-names.js';
import { RUNNING_UP_DATA_DIR, configOption, dataDirOption } from '../options.js';

interface BackfillOptions {
  source: string;
  from: string;
  to?: string;
  config?: string;
  dataDir?: string;
  detach?: boolean;
}

/** Parses `2026-01-31` or an ISO timestamp as UTC epoch ms. */
export function parseDate(value: string, flag: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms))
    throw new ConfigError(`${flag} "${value}" is not a date; use YYYY-MM-DD or an ISO timestamp`);
  return ms;
}

export function registerBackfillCommand(program: Command): void {
  program
    .command('backfill')
    .description("backfill a source's history over a date range (resumable, with progress)")
    .requiredOption('-s, --source <id>', 'configured source id')
    .requiredOption('--from <date>', 'start date (YYYY-MM-DD or ISO timestamp, UTC)')
    .option('--to <date>', 'end date, exclusive (default: now)')
    .addOption(configOption('config file (default ./earshot.config.yaml)'))
    .addOption(dataDirOption(RUNNING_UP_DATA_DIR))
    .option('--detach', 'start it and return without waiting')
    .action(async (opts: BackfillOptions) => {
      const { loadConfig } = await import('../config/load-config.js');
      const { runWorkflowCommand } = await import('../workflow-progress.js');
      const { backfillProgressQuery, backfillWorkflow } = await import('../../workflows/index.js');

      const from = parseDate(opts.from, '--from');
      const to = opts.to ? parseDate(opts.to, '--to') : Date.now();
      if (from >= to) throw new ConfigError('--from must be before --to');
      const { config } = loadConfig(opts.config);
      const source = config.sources.find((s) => s.id === opts.source);
      if (!source) {
        throw new ConfigError(
          `No source "${opts.source}" in the config; configured: ${config.sources.map((s) => s.id).join(', ') || 'none'}`,
        );
      }
      const workflowId = backfillWorkflowId(
        source.id,
        new Date(from).toISOString(),
        new Date(to).toISOString(),
      );
      await runWorkflowCommand({
        dataDir: opts.dataDir,
        detach: opts.detach,
        start: { workflow: backfillWorkflow, id: workflowId, args: [{ sourceId: source.id, from, to }] },
        started: () =>
          `backfill ${workflowId} running (re-run this command to re-attach; Ctrl-C only detaches)`,
        progress: {
          query: backfillProgressQuery,
          format: ' {bar} {percentage}% | pages {pages} | fetched {fetched} | new {new}',
          read: (p) => ({ fraction: p.fraction, values: { pages: p.pages, fetched: p.fetched, new: p.new } }),
        },
        done: (totals) =>
          `backfill done: ${totals.pages} pages, ${totals.fetched} fetched, ${totals.new} new, ${totals.unchanged} already stored`,
      });
    });
}
