/**
 * Composition root of the `earshot` command. Each sub-command lives in `cli/commands/<name>.ts` and
 * exports one `register…Command(program)` function, added to the list below.
 */
import { Command } from 'commander';
import { registerAlertsCommand } from './commands/alerts.js';
import { registerBackfillCommand } from './commands/backfill.js';
import { registerConnectCommand } from './commands/connect.js';
import { registerConnectorsCommand } from './commands/connectors.js';
import { registerDashboardsCommand } from './commands/dashboards.js';
import { registerInitCommand } from './commands/init.js';
import { registerLabelCommand } from './commands/label.js';
import { registerReportCommand } from './commands/report.js';
import { registerRescoreCommand } from './commands/rescore.js';
import { registerUpCommand } from './commands/up.js';
import { registerWorkerCommand } from './commands/worker.js';
import { registerEvalCommand } from './commands/eval.js';
import { registerScoreCommand } from './commands/score.js';
import { registerSqlCommand } from './commands/sql.js';
import { registerStatusCommand } from './commands/status.js';

const program = new Command()
  .name('earshot')
  .description('Self-hosted social listening and sentiment analytics')
  .showHelpAfterError();

const registrations: Array<(program: Command) => void> = [
  registerUpCommand,
  registerWorkerCommand,
  registerInitCommand,
  registerBackfillCommand,
  registerRescoreCommand,
  registerReportCommand,
  registerLabelCommand,
  // sub-commands register here
  registerConnectorsCommand,
  registerDashboardsCommand,
  registerScoreCommand,
  registerEvalCommand,
  registerSqlCommand,
  registerStatusCommand,
  registerConnectCommand,
  registerAlertsCommand,
];
for (const register of registrations) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`earshot: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
  // A failed command may leave handles open (Temporal runtime, sockets); don't hang after reporting.
  setTimeout(() => process.exit(), 500).unref();
}
