/**
 * `earshot alerts …`: spike, drop and silence alerts (docs/alerts.md). Each sub-command lives in
 * `cli/alerts/<name>.ts` and exports one `register…` function, added to the list below.
 * - `detect`: run the volume-spike detector over a CSV series on stdin (causal, one JSON line per row).
 */
import type { Command } from 'commander';
import { registerAlertsBacktestCommand } from '../alerts/backtest.js';
import { registerAlertsDetectCommand } from '../alerts/detect.js';
import { registerAlertsListCommand } from '../alerts/list.js';
import { registerAlertsShowCommand } from '../alerts/show.js';
import { registerAlertsTestCommand } from '../alerts/test-channel.js';

/** Registers `earshot alerts` and its sub-commands. */
export function registerAlertsCommand(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('Spike, drop and silence alerts: detect, list, show, back-test, test channels');
  const subcommands: Array<(alerts: Command) => void> = [
    registerAlertsDetectCommand,
    registerAlertsListCommand,
    registerAlertsShowCommand,
    registerAlertsBacktestCommand,
    registerAlertsTestCommand,
    // alerts sub-commands register here, one line each
  ];
  for (const register of subcommands) register(alerts);
}
