/**
 * Slack incoming webhook (https://api.slack.com/messaging/webhooks): a POST of a JSON message; Slack answers
 * `200 ok`, or 400 `invalid_payload`, 403 `invalid_token` / `action_prohibited`, 404 `no_service`,
 * 410 `channel_is_archived`. One message per batch: a fallback `text`, and one attachment per alert with its
 * severity colour and Block Kit blocks (title, sentence, links to the mentions). Every untrusted string is
 * mrkdwn-escaped.
 */
import { safeCheck } from '../../platform/health.js';
import { httpRequest } from '../../platform/http/index.js';
import { escapeSlack, slackLink } from './escape.js';
import { notifierHttpErrors, withSecretRedacted } from './http-errors.js';
import {
  batchSubject,
  itemTitle,
  kindWords,
  resolveLine,
  safeLinks,
  severityWord,
  type NotificationBatch,
  type NotificationItem,
  type Notifier,
} from './types.js';

/** Attachment colours by severity; green for a resolve. */
const COLOURS = {
  critical: '#b00020',
  high: '#e8590c',
  medium: '#f2c94c',
  low: '#9e9e9e',
  resolved: '#2e7d32',
};
/** Slack takes at most 50 blocks per message and 3,000 characters per text block. */
const MAX_ITEMS = 20;
const MAX_TEXT = 2900;

/** Options of `createSlackNotifier`. */
export interface SlackNotifierOptions {
  channel: string;
  /** The webhook URL (a secret, from the environment), or undefined when its variable is unset. */
  webhookUrl: string | undefined;
  /** Name of the variable, for messages. */
  webhookUrlEnv: string;
  timeoutMs?: number;
}

/** The Slack message for a batch (exported for tests and docs). */
export function slackMessage(batch: NotificationBatch): Record<string, unknown> {
  const shown = batch.items.slice(0, MAX_ITEMS);
  const attachments = shown.map((item) => ({
    color: item.transition === 'resolved' ? COLOURS.resolved : COLOURS[severityWord(item.alert.severity)],
    blocks: itemBlocks(item, batch.test === true),
  }));
  if (batch.items.length > shown.length) {
    attachments.push({
      color: COLOURS.low,
      blocks: [
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: `…and ${batch.items.length - shown.length} more: run \`earshot alerts list\``,
            },
          ],
        },
      ],
    });
  }
  return { text: escapeSlack(batchSubject(batch)), attachments };
}

function itemBlocks(item: NotificationItem, test: boolean): Array<Record<string, unknown>> {
  const { alert } = item;
  const head = `*${escapeSlack(itemTitle(item))}*${test ? ' _(test message)_' : ''}`;
  const body = item.transition === 'resolved' ? `${resolveLine(item)} ${alert.summary}` : alert.summary;
  const links = safeLinks(item).map((l) => `• ${slackLink(l.url, l.label || l.url)}`);
  const blocks: Array<Record<string, unknown>> = [
    { type: 'section', text: { type: 'mrkdwn', text: cut(`${head}\n${escapeSlack(body)}`) } },
  ];
  if (links.length && item.transition === 'fired') {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: cut(`Top negative mentions:\n${links.join('\n')}`) },
    });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: escapeSlack(
          `${severityWord(alert.severity)} severity ${alert.severity.toFixed(2)} · ${kindWords(alert.kind)} · ` +
            `earshot alerts show ${alert.id}`,
        ),
      },
    ],
  });
  return blocks;
}

function cut(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** A Slack channel. Throws `NotifierRejectedError` from `send` when the URL variable is unset. */
export function createSlackNotifier(options: SlackNotifierOptions): Notifier {
  const where = `the environment variable ${options.webhookUrlEnv}`;
  const errors = notifierHttpErrors(options.channel, where);
  const url = (): string => {
    if (!options.webhookUrl) {
      throw errors.rejected(`Slack channel ${options.channel}: ${options.webhookUrlEnv} is not set.`);
    }
    return options.webhookUrl;
  };
  return {
    channel: options.channel,
    type: 'slack',
    async send(batch) {
      const target = url();
      await withSecretRedacted(target, options.webhookUrlEnv, () =>
        httpRequest({
          subject: options.channel,
          service: 'Slack',
          url: target,
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          data: JSON.stringify(slackMessage(batch)),
          expect: 'text',
          timeoutMs: options.timeoutMs,
          optionsHint: where,
          authHint: where,
          errors,
        }),
      );
    },
    check: () =>
      safeCheck(async () => {
        url();
        return `webhook URL from ${options.webhookUrlEnv}`;
      }),
  };
}
