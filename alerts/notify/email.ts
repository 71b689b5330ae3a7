/**
 * E-mail over SMTP (platform/mail): one message per batch, with a plain-text part and an HTML part in which
 * every untrusted string is HTML-escaped. The Message-ID is derived from the idempotency key, so a retried
 * message is recognisable as the same one.
 */
import { NotifierAuthError, NotifierRejectedError, NotifierUnavailableError } from '../../core/errors.js';
import { safeCheck } from '../../platform/health.js';
import { createSmtpSender, type MailErrorFactory, type SmtpSender } from '../../platform/mail/smtp.js';
import { escapeHtml } from './escape.js';
import {
  batchSubject,
  itemTitle,
  resolveLine,
  safeLinks,
  severityWord,
  type NotificationBatch,
  type NotificationItem,
  type Notifier,
} from './types.js';

/** Options of `createEmailNotifier`. */
export interface EmailNotifierOptions {
  channel: string;
  to: readonly string[];
  from?: string;
  /** The relay URL (a secret, from the environment), or undefined when its variable is unset. */
  smtpUrl: string | undefined;
  smtpUrlEnv: string;
  timeoutMs?: number;
}

const COLOURS = { critical: '#b00020', high: '#e8590c', medium: '#b58900', low: '#757575' };

/** Subject, text and HTML of a batch (exported for tests). */
export function emailContent(batch: NotificationBatch): { subject: string; text: string; html: string } {
  const text = [
    ...batch.items.map(textItem),
    batch.test ? 'This is a test message from `earshot alerts test`.' : '',
    'Details: earshot alerts show <id>',
  ]
    .filter(Boolean)
    .join('\n\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif">${batch.items
    .map(htmlItem)
    .join(
      '<hr>',
    )}${batch.test ? '<p><em>This is a test message from earshot alerts test.</em></p>' : ''}</body></html>`;
  return { subject: batchSubject(batch), text, html };
}

function textItem(item: NotificationItem): string {
  const { alert } = item;
  const lines = [
    itemTitle(item),
    item.transition === 'resolved' ? `${resolveLine(item)} ${alert.summary}` : alert.summary,
    `Severity ${alert.severity.toFixed(2)} (${severityWord(alert.severity)}) · alert ${alert.id}`,
  ];
  if (item.transition === 'fired') {
    for (const link of safeLinks(item)) lines.push(`- ${link.label}\n  ${link.url}`);
  }
  return lines.join('\n');
}

function htmlItem(item: NotificationItem): string {
  const { alert } = item;
  const word = severityWord(alert.severity);
  const colour = item.transition === 'resolved' ? '#2e7d32' : COLOURS[word];
  const body = item.transition === 'resolved' ? `${resolveLine(item)} ${alert.summary}` : alert.summary;
  const links =
    item.transition === 'fired'
      ? safeLinks(item)
          .map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.label || l.url)}</a></li>`)
          .join('')
      : '';
  return (
    `<h2 style="color:${colour};margin-bottom:4px">${escapeHtml(itemTitle(item))}</h2>` +
    `<p>${escapeHtml(body)}</p>` +
    `<p style="color:#555">Severity ${alert.severity.toFixed(2)} (${word}) · alert <code>${escapeHtml(alert.id)}</code></p>` +
    (links ? `<p>Top negative mentions:</p><ul>${links}</ul>` : '')
  );
}

/** An e-mail channel. */
export function createEmailNotifier(options: EmailNotifierOptions): Notifier {
  const { channel, smtpUrlEnv } = options;
  const errors: MailErrorFactory = {
    auth: (m) =>
      new NotifierAuthError(m, channel, `Fix the user and password in the SMTP URL in ${smtpUrlEnv}.`),
    rejected: (m) =>
      new NotifierRejectedError(
        m,
        channel,
        `Check alerts.channels.${channel}.to / from and the relay in ${smtpUrlEnv}.`,
      ),
    transient: (m, cause) =>
      new NotifierUnavailableError(
        m,
        channel,
        `The relay in ${smtpUrlEnv} is unreachable: it is retried; check host and port.`,
        {
          cause,
        },
      ),
  };
  let sender: SmtpSender | undefined;
  const open = (): SmtpSender => {
    if (!options.smtpUrl) {
      throw new NotifierRejectedError(
        `E-mail channel ${channel}: ${smtpUrlEnv} is not set.`,
        channel,
        `Set the environment variable ${smtpUrlEnv} to the relay, e.g. smtp://user:password@smtp.example.com:587.`,
      );
    }
    sender ??= createSmtpSender({
      url: options.smtpUrl,
      from: options.from,
      errors,
      timeoutMs: options.timeoutMs,
    });
    return sender;
  };
  return {
    channel,
    type: 'email',
    async send(batch) {
      const content = emailContent(batch);
      await open().send({
        to: options.to,
        ...content,
        messageId: `${batch.idempotencyKey}@earshot.alerts`,
        headers: { 'X-Earshot-Idempotency-Key': batch.idempotencyKey },
      });
    },
    check: () =>
      safeCheck(async () => {
        const s = open();
        await s.verify();
        return `SMTP relay ${s.description}`;
      }),
  };
}
