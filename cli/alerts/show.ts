/** `earshot alerts show <id>`: one alert with its evidence (mentions with links, drivers) and deliveries. */
import type { Command } from 'commander';
import { dataDirOption } from '../options.js';
import { escapeCell } from '../text-table.js';
import { deliveryWord, utc } from './format.js';

/** Registers `earshot alerts show`. */
export function registerAlertsShowCommand(alerts: Command): void {
  alerts
    .command('show <id>')
    .description('one alert: the sentence, baseline, evidence (top negative mentions with links), delivery')
    .option('--json', 'print the alert as JSON')
    .addOption(dataDirOption())
    .action(async (id: string, opts: { json?: boolean; dataDir?: string }) => {
      const { alertListQuery } = await import('../../storage/alerts.js');
      const { runRead } = await import('../read-only-query.js');
      const [alert] = await runRead(alertListQuery({ ids: [id], limit: 1 }), opts.dataDir);
      if (!alert) throw new Error(`No alert ${id}; run "earshot alerts list" to see the ids.`);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(alert, null, 2)}\n`);
        return;
      }
      const clean = (text: string): string => escapeCell(text);
      const lines = [
        `${alert.summary}`,
        '',
        `alert     ${alert.id} (${alert.kind}${alert.scope ? `, ${alert.scopeType} ${alert.scope}` : ''})`,
        `brand     ${alert.brand}`,
        `state     ${alert.state}${alert.history ? ' (found in stored history, not delivered)' : ''}`,
        `opened    ${utc(alert.windowStart)}${alert.resolvedAt ? `, resolved ${utc(alert.resolvedAt)}` : ''}`,
        `severity  ${alert.severity.toFixed(2)}`,
        `baseline  observed ${alert.observed}, expected ${alert.expected.toFixed(1)} ± ${alert.spread.toFixed(1)}: ${alert.strength}`,
      ];
      const ev = alert.evidence;
      if (ev) {
        const pct = (x: number): string => `${Math.round(x * 100)}%`;
        const drivers = (d: typeof ev.sources): string =>
          d.map((x) => `${clean(x.name)} ${pct(x.share)} (usually ${pct(x.baselineShare)})`).join(', ') ||
          '—';
        lines.push(
          `counts    ${ev.counts.volume} mentions, ${ev.counts.negative} negative, ${utc(ev.counts.windowStart)} – ${utc(ev.counts.windowEnd)}`,
          `sources   ${drivers(ev.sources)}`,
          `aspects   ${drivers(ev.aspects)}`,
          '',
          'Top negative mentions:',
          ...ev.mentions.map(
            (m) =>
              `  • [${m.source}] ${clean(m.author)}: ${clean(m.title ?? m.text).slice(0, 160)}\n    ${clean(m.url)} (engagement ${m.engagement})`,
          ),
        );
      }
      lines.push('', 'Delivery:');
      if (alert.deliveries.length === 0) lines.push(alert.history ? '  not sent (history)' : '  none routed');
      for (const d of alert.deliveries) {
        lines.push(`  ${d.transition}: ${deliveryWord(d)}${d.sentAt ? ` at ${utc(d.sentAt)}` : ''}`);
        if (d.status === 'failed')
          lines.push(`    last error: ${clean(d.lastError)}`, `    what to do: ${clean(d.fix)}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
