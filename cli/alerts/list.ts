/**
 * `earshot alerts list [--brand] [--since] [--json]`: recorded alerts, newest first, with their state and
 * delivery per channel; a failed delivery is shown with what to fix. Works while `earshot up` runs.
 */
import type { Command } from 'commander';
import { dataDirOption } from '../options.js';
import { deliveryWord, parseInstant, table, utc } from './format.js';

interface ListOptions {
  brand?: string;
  since?: string;
  limit: string;
  history: boolean;
  json?: boolean;
  dataDir?: string;
}

/** Registers `earshot alerts list`. */
export function registerAlertsListCommand(alerts: Command): void {
  alerts
    .command('list')
    .description('recorded alerts, newest first: state, severity, the sentence, delivery per channel')
    .option('--brand <key>', 'only this brand')
    .option('--since <when>', 'only alerts opened since: 24h, 7d, or a date (2026-11-30)')
    .option('--limit <n>', 'at most this many', '100')
    .option('--no-history', 'leave out incidents found while the detectors learned stored history')
    .option('--json', 'print the alerts as JSON (evidence included)')
    .addOption(dataDirOption())
    .action(async (opts: ListOptions) => {
      const { alertListQuery } = await import('../../storage/alerts.js');
      const { runRead } = await import('../read-only-query.js');
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new Error(`--limit "${opts.limit}" must be a positive integer`);
      const list = await runRead(
        alertListQuery({
          brand: opts.brand,
          since: opts.since ? parseInstant('--since', opts.since) : 0,
          includeHistory: opts.history,
          limit,
        }),
        opts.dataDir,
      );
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      if (list.length === 0) {
        process.stdout.write('No alerts recorded yet.\n');
        return;
      }
      const now = Date.now();
      process.stdout.write(
        table(
          ['id', 'opened', 'brand', 'kind', 'scope', 'state', 'severity', 'delivery', 'summary'],
          list.map((a) => [
            a.id,
            utc(a.windowStart),
            a.brand,
            a.kind,
            a.scope,
            a.history ? `${a.state} (history)` : a.state,
            a.severity.toFixed(2),
            a.deliveries.map((d) => deliveryWord(d, now)).join(', ') ||
              (a.history ? 'not sent (history)' : ''),
            a.summary,
          ]),
        ),
      );
      const failed = list.flatMap((a) => a.deliveries.filter((d) => d.status === 'failed'));
      const fixes = [...new Map(failed.map((d) => [d.channel, d])).values()];
      for (const d of fixes) {
        process.stdout.write(`\nChannel ${d.channel} is failing: ${d.lastError}\n  What to do: ${d.fix}\n`);
      }
      if (fixes.length) process.exitCode = 1;
    });
}
