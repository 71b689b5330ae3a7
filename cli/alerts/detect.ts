/**
 * `earshot alerts detect`: reads a `timestamp,value` CSV on stdin and writes one JSON line per row
 * with the volume-spike detector's score and alert flag (docs/alerts.md, "CLI").
 */
import type { Command } from 'commander';

interface DetectOptions {
  interval?: string;
  sensitivity: string;
}

/** Registers `earshot alerts detect`. */
export function registerAlertsDetectCommand(alerts: Command): void {
  alerts
    .command('detect')
    .description(
      'score a CSV series "timestamp,value" from stdin with the volume-spike detector; one JSON line per row',
    )
    .option('--interval <duration>', 'bucket length, e.g. 5m, 1h (default: the median spacing of the rows)')
    .option('--sensitivity <preset>', 'low, medium or high', 'medium')
    .action(async (_opts: DetectOptions) => {
      throw new Error('alerts detect is not implemented yet');
    });
}
