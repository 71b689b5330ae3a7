/**
 * `earshot alerts test --channel <name>`: sends a test message (marked as such) to a configured channel, so a
 * user sees the Slack / webhook / e-mail setup work before a real incident; prints what to fix when it fails.
 */
import type { Command } from 'commander';
import type { AlertRecord } from '../../core/alert.js';
import { configOption } from '../options.js';

interface TestOptions {
  channel: string;
  config?: string;
}

/** A sample alert for test messages (clearly labelled as a test). */
export function sampleAlert(brand: string, now: number): AlertRecord {
  const start = Math.floor(now / 300_000) * 300_000;
  return {
    id: 'test-message',
    brand,
    kind: 'negative_spike',
    scopeType: 'brand',
    scope: '',
    windowStart: start,
    windowEnd: start + 300_000,
    state: 'firing',
    openedAt: now,
    resolvedAt: null,
    observed: 41,
    expected: 6,
    spread: 2,
    severity: 0.7,
    strength: '41 in the last 15 min, 6.8× the usual (6 ± 2)',
    summary: `Test message from earshot alerts test: this is how a negative spike of ${brand} will look.`,
    evidence: null,
    rule: { kind: 'negative_spike', test: true },
    history: false,
  };
}

/** Registers `earshot alerts test`. */
export function registerAlertsTestCommand(alerts: Command): void {
  alerts
    .command('test')
    .description('send a test message to a configured channel (alerts.channels)')
    .requiredOption('--channel <name>', 'channel name under alerts.channels')
    .addOption(configOption())
    .action(async (opts: TestOptions) => {
      const { loadConfig } = await import('../config/load-config.js');
      const { alertChannels } = await import('../../core/config/index.js');
      const { createNotifiers } = await import('../../alerts/notify/index.js');
      const { pino } = await import('pino');
      const { config, origin } = loadConfig(opts.config);
      const channels = alertChannels(config.alerts);
      if (!channels.has(opts.channel)) {
        const known = [...channels.keys()];
        throw new Error(
          `No channel "${opts.channel}" in ${origin}; ${known.length ? `configured: ${known.join(', ')}` : 'declare one under alerts.channels'}.`,
        );
      }
      const logger = pino({ level: 'info' }, pino.destination(2));
      const notifier = createNotifiers(channels, process.env, logger).get(opts.channel)!;
      const now = Date.now();
      const [brand] = config.brands;
      try {
        await notifier.send({
          idempotencyKey: `test-${now}`,
          sentAt: now,
          test: true,
          items: [
            {
              transition: 'fired',
              alert: sampleAlert(brand?.key ?? 'brand', now),
              brandName: brand?.name ?? 'Brand',
            },
          ],
        });
      } catch (error) {
        const fix = (error as { fix?: unknown }).fix;
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(
          `The test message to ${opts.channel} failed: ${message}${typeof fix === 'string' ? `\n  What to do: ${fix}` : ''}`,
        );
      }
      process.stdout.write(`Test message sent to ${opts.channel} (${notifier.type}).\n`);
    });
}
