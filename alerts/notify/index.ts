/**
 * Alert delivery: the notifiers (log, Slack, webhook, e-mail), the routes that pick them, message grouping and
 * escaping. `createNotifiers` builds every configured channel from the config and an environment map (the
 * composition root passes `process.env`; this library never reads it).
 */
import { createHash } from 'node:crypto';
import type { AlertTransition } from '../../core/alert.js';
import type { ChannelConfig } from '../../core/config/alerts.js';
import type { Logger } from '../../core/logger.js';
import { createEmailNotifier } from './email.js';
import { createLogNotifier } from './log.js';
import { createSlackNotifier } from './slack.js';
import type { Notifier } from './types.js';
import { createWebhookNotifier } from './webhook.js';

export { escapeHtml, escapeSlack, slackLink } from './escape.js';
export { emailContent, createEmailNotifier } from './email.js';
export { createLogNotifier } from './log.js';
export { quietUntil, routeAlert, type RoutedChannel } from './routes.js';
export { createSlackNotifier, slackMessage } from './slack.js';
export { WEBHOOK_SCHEMA, createWebhookNotifier, webhookBody, webhookSignature } from './webhook.js';
export * from './types.js';

/** One notifier per configured channel. Missing secrets surface when sending (and in `check()`), not here. */
export function createNotifiers(
  channels: ReadonlyMap<string, ChannelConfig>,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
): Map<string, Notifier> {
  const out = new Map<string, Notifier>();
  for (const [name, channel] of channels) {
    switch (channel.type) {
      case 'log':
        out.set(name, createLogNotifier(name, logger));
        break;
      case 'slack':
        out.set(
          name,
          createSlackNotifier({
            channel: name,
            webhookUrl: env[channel.webhookUrlEnv],
            webhookUrlEnv: channel.webhookUrlEnv,
          }),
        );
        break;
      case 'webhook':
        out.set(
          name,
          createWebhookNotifier({
            channel: name,
            url: channel.url,
            secret: channel.secretEnv ? env[channel.secretEnv] : undefined,
            secretEnv: channel.secretEnv,
          }),
        );
        break;
      case 'email':
        out.set(
          name,
          createEmailNotifier({
            channel: name,
            to: channel.to,
            from: channel.from,
            smtpUrl: env[channel.smtpUrlEnv],
            smtpUrlEnv: channel.smtpUrlEnv,
          }),
        );
        break;
    }
  }
  return out;
}

/** The idempotency key of one message: the channel and its transitions, order-free. */
export function batchKey(
  channel: string,
  items: ReadonlyArray<{ alertId: string; transition: AlertTransition }>,
): string {
  const parts = items.map((i) => `${i.alertId}:${i.transition}`).sort();
  return createHash('sha256')
    .update(`${channel}\n${parts.join('\n')}`)
    .digest('hex')
    .slice(0, 32);
}
