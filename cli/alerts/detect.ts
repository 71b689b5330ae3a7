/**
 * `earshot alerts detect`: reads a `timestamp,value` CSV on stdin and writes one JSON line per row
 * with the volume-spike detector's score and alert flag (docs/alerts.md, "CLI").
 */
import { text } from 'node:stream/consumers';
import type { Command } from 'commander';
import type { Sensitivity } from '../../alerts/detect/index.js';
import { detectCsv, parseInterval } from './detect-csv.js';

interface DetectOptions {
  interval?: string;
  sensitivity: string;
  strict?: boolean;
}

const SENSITIVITIES = ['low', 'medium', 'high'];

/** Registers `earshot alerts detect`. */
export function registerAlertsDetectCommand(alerts: Command): void {
  alerts
    .command('detect')
    .description(
      'score a CSV series "timestamp,value" from stdin with the volume-spike detector; one JSON line per row',
    )
    .option(
      '--interval <duration>',
      'bucket length, e.g. 5m, 300s, 1h (default: the median spacing of the rows)',
    )
    .option('--sensitivity <preset>', 'low, medium or high', 'medium')
    .option('--strict', 'fail on the first bad row (default: report it on stderr and write score 0)')
    .action(async (opts: DetectOptions) => {
      if (!SENSITIVITIES.includes(opts.sensitivity)) {
        throw new Error(`--sensitivity "${opts.sensitivity}" is not one of ${SENSITIVITIES.join(', ')}`);
      }
      let intervalMs: number | undefined;
      if (opts.interval !== undefined) {
        const parsed = parseInterval(opts.interval);
        if (parsed === null)
          throw new Error(`--interval "${opts.interval}" is not a duration like 5m, 300s or 1h`);
        intervalMs = parsed;
      }
      const input = await text(process.stdin);
      const result = detectCsv(input, {
        intervalMs,
        sensitivity: opts.sensitivity as Sensitivity,
        strict: opts.strict === true,
      });
      for (const line of result.stderr) process.stderr.write(`earshot alerts detect: ${line}\n`);
      process.stdout.write(result.stdout);
      process.exitCode = result.exitCode;
    });
}
