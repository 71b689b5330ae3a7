/**
 * `earshot alerts backtest --brand <key> --from <date> --to <date> [--kind]`: runs the watch's own planning
 * (the same detectors, series and sensitivity as the workflow, from the brand's config) over stored history and
 * prints the incidents that would have fired, so a user can tune `alerts.sensitivity` before enabling. Reads
 * through named reads, so it works while `earshot up` runs; it records and sends nothing.
 */
import type { Command } from 'commander';
import type { AlertKindName } from '../../core/alert.js';
import { configOption, dataDirOption } from '../options.js';
import { parseInstant, table, utc } from './format.js';

interface BacktestOptions {
  brand: string;
  from: string;
  to: string;
  kind?: string;
  sensitivity?: string;
  json?: boolean;
  config?: string;
  dataDir?: string;
}

/** One incident the backtest found. */
export interface BacktestIncident {
  id: string;
  kind: AlertKindName;
  scopeType: string;
  scope: string;
  openedAt: number;
  resolvedAt: number | null;
  severity: number;
  strength: string;
}

/** Registers `earshot alerts backtest`. */
export function registerAlertsBacktestCommand(alerts: Command): void {
  alerts
    .command('backtest')
    .description('run the detectors over stored history and print what would have fired (records nothing)')
    .requiredOption('--brand <key>', 'brand key')
    .requiredOption('--from <when>', 'start: a date (2026-11-01) or a duration back from now (14d)')
    .option('--to <when>', 'end: a date or a duration back from now', '0m')
    .option('--kind <kind>', 'only this kind: volume_spike, negative_spike, aspect_spike, drop, silence')
    .option('--sensitivity <preset>', 'low, medium or high instead of the configured one')
    .option('--json', 'print the incidents as JSON')
    .addOption(configOption())
    .addOption(dataDirOption())
    .action(async (opts: BacktestOptions) => {
      const { loadConfig } = await import('../config/load-config.js');
      const { ALERT_KINDS, SENSITIVITIES } = await import('../../core/config/index.js');
      const { watchBrands } = await import('../../worker/alerts.js');
      const { planBrand } = await import('../../alerts/watch/plan.js');
      const { aspectBucketsQuery, sourceBucketsQuery, MAX_FIVE_MINUTE_RANGE_MS } =
        await import('../../storage/five-minute-series.js');
      const { runRead } = await import('../read-only-query.js');

      const { config } = loadConfig(opts.config);
      const brand = watchBrands(config).find((b) => b.key === opts.brand);
      if (!brand)
        throw new Error(
          `--brand "${opts.brand}" is not configured; use one of: ${config.brands.map((b) => b.key).join(', ')}`,
        );
      if (opts.kind && !(ALERT_KINDS as readonly string[]).includes(opts.kind)) {
        throw new Error(`--kind "${opts.kind}" is not one of ${ALERT_KINDS.join(', ')}`);
      }
      if (opts.sensitivity) {
        if (!(SENSITIVITIES as readonly string[]).includes(opts.sensitivity)) {
          throw new Error(`--sensitivity "${opts.sensitivity}" is not one of ${SENSITIVITIES.join(', ')}`);
        }
        brand.sensitivity = opts.sensitivity as (typeof SENSITIVITIES)[number];
      }
      const from = parseInstant('--from', opts.from);
      const to = parseInstant('--to', opts.to);
      if (!(from < to)) throw new Error(`--from (${utc(from)}) must be before --to (${utc(to)})`);

      const sources = [];
      const aspects = [];
      for (let start = from; start < to; start += MAX_FIVE_MINUTE_RANGE_MS) {
        const range = {
          brands: [brand.key],
          from: start,
          to: Math.min(to, start + MAX_FIVE_MINUTE_RANGE_MS),
        };
        sources.push(...(await runRead(sourceBucketsQuery(range), opts.dataDir)));
        aspects.push(...(await runRead(aspectBucketsQuery(range), opts.dataDir)));
      }
      const { transitions } = planBrand({
        brand,
        state: undefined,
        now: to,
        settleMs: 0,
        warmupMs: to - from,
        sources,
        aspects,
        requireRecentData: false,
      });
      const incidents = new Map<string, BacktestIncident>();
      for (const t of transitions) {
        const a = t.alert;
        if (opts.kind && a.kind !== opts.kind) continue;
        const known = incidents.get(a.id);
        if (t.type === 'resolved') {
          if (known) known.resolvedAt = a.windowEnd;
          continue;
        }
        if (!known) {
          incidents.set(a.id, {
            id: a.id,
            kind: a.kind,
            scopeType: a.scopeType,
            scope: a.scope,
            openedAt: a.windowStart,
            resolvedAt: null,
            severity: a.severity,
            strength: a.strength,
          });
        }
      }
      const list = [...incidents.values()].sort((a, b) => a.openedAt - b.openedAt);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `${brand.key}, ${utc(from)} – ${utc(to)}, sensitivity ${brand.sensitivity}: ${list.length} incident(s) would have fired` +
          ` (the detectors stay quiet during the first quietHours of each series: see docs/alerts.md).\n`,
      );
      if (list.length) {
        process.stdout.write(
          table(
            ['opened', 'resolved', 'kind', 'scope', 'severity', 'strength'],
            list.map((i) => [
              utc(i.openedAt),
              utc(i.resolvedAt),
              i.kind,
              i.scope,
              i.severity.toFixed(2),
              i.strength,
            ]),
          ),
        );
      }
    });
}
