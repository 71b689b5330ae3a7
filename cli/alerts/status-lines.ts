/** The alert part of `earshot status`: channels with undelivered alerts, the last error and what to fix. */
import { channelProblemsQuery } from '../../storage/alerts.js';
import { runRead } from '../read-only-query.js';
import { escapeCell } from '../text-table.js';
import { utc } from './format.js';

/** One line (plus a fix line) per channel holding failed or waiting deliveries; empty when all is sent. */
export async function alertChannelLines(dataDir?: string): Promise<string[]> {
  const problems = await runRead(channelProblemsQuery(), dataDir);
  return problems
    .filter((p) => p.failed > 0)
    .flatMap((p) => [
      `Alert channel ${p.channel} (${p.channelType}): ${p.undelivered} alert message(s) not delivered, ` +
        `last attempt ${utc(p.lastAttemptAt)}: ${escapeCell(p.lastError)}`,
      `  What to do: ${escapeCell(p.fix)} (the alerts stay recorded: earshot alerts list)`,
    ]);
}
