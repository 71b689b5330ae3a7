/**
 * `earshot status`: per configured source, its last poll (when, outcome, counts, last error) and how
 * many mentions it stored. Works while `earshot up` runs (through its read-only endpoint) or on its own.
 */
import type { Command } from 'commander';
import type { SourceStatus } from '../../storage/runs.js';
import { configOption, dataDirOption } from '../options.js';

interface StatusOptions {
  json?: boolean;
  config?: string;
  dataDir?: string;
}

/** A source's status joined with its config (configured sources that never ran are listed too). */
export interface SourceReport extends SourceStatus {
  configured: boolean;
  enabled: boolean;
  interval: string | null;
}

function ago(ms: number | null, now: number): string {
  if (ms === null) return 'never';
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

function health(report: SourceReport): string {
  if (!report.configured) return 'not in config';
  if (!report.enabled) return 'disabled';
  if (report.lastStatus === null) return 'waiting for first poll';
  return report.lastStatus === 'ok' ? 'ok' : `FAILED (${report.lastErrorType ?? 'error'})`;
}

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description("each source's last poll: when, outcome, counts, last error, mentions stored")
    .option('--json', 'print the status as JSON')
    .addOption(configOption())
    .addOption(dataDirOption())
    .action(async (opts: StatusOptions) => {
      const { sourceStatusQuery } = await import('../../storage/runs.js');
      const { runRead } = await import('../read-only-query.js');
      const { loadConfig } = await import('../config/load-config.js');
      const { formatTable } = await import('./sql.js');

      const { config } = loadConfig(opts.config);
      const statuses = await runRead(sourceStatusQuery(), opts.dataDir);
      const stored = new Map(statuses.map((status) => [status.sourceId, status]));
      const reports: SourceReport[] = config.sources.map((source) => ({
        ...(stored.get(source.id) ?? emptyStatus(source.id, source.type)),
        configured: true,
        enabled: source.enabled,
        interval: source.interval,
      }));
      for (const [id, status] of stored) {
        if (!config.sources.some((s) => s.id === id)) {
          reports.push({ ...status, configured: false, enabled: false, interval: null });
        }
      }

      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify(
            reports.map((r) => ({ ...r, status: health(r) })),
            null,
            2,
          )}\n`,
        );
        return;
      }
      const now = Date.now();
      const columns = [
        'source',
        'type',
        'every',
        'last poll',
        'status',
        'fetched',
        'new',
        'mentions',
        'last error',
      ];
      const text = (name: string): { name: string; type: string } => ({ name, type: 'String' });
      const number = (name: string): { name: string; type: string } => ({ name, type: 'UInt64' });
      process.stdout.write(
        formatTable({
          columns: columns.map((c) => (['fetched', 'new', 'mentions'].includes(c) ? number(c) : text(c))),
          rows: reports.map((r) => [
            r.sourceId,
            r.source,
            r.interval ?? '',
            ago(r.lastRunAt, now),
            health(r),
            r.lastFetched,
            r.lastNew,
            r.totalMentions,
            r.lastErrorMessage ?? '',
          ]),
        }),
      );
      if (reports.some((r) => r.configured && r.lastStatus !== null && r.lastStatus !== 'ok'))
        process.exitCode = 1;
      // Alert channels with undelivered alerts, and what to fix (cli/alerts/status-lines.ts).
      const { alertChannelLines } = await import('../alerts/status-lines.js');
      const channelLines = await alertChannelLines(opts.dataDir);
      if (channelLines.length) {
        process.stdout.write(`\n${channelLines.join('\n')}\n`);
        process.exitCode = 1;
      }
    });
}

function emptyStatus(sourceId: string, source: string): SourceStatus {
  return {
    sourceId,
    source,
    lastRunAt: null,
    lastStatus: null,
    lastFetched: 0,
    lastNew: 0,
    lastUpdated: 0,
    lastErrors: 0,
    lastErrorType: null,
    lastErrorMessage: null,
    lastOkAt: null,
    runs: 0,
    totalMentions: 0,
  };
}
