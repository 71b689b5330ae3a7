/**
 * Report digests: `sendDigest` builds one brand's report for one period with the reports/ library (the same
 * HTML as `earshot report`, and its PDF when headless Chromium is installed) and e-mails it through the SMTP
 * sender. The Message-ID is derived from (digest, brand, period start), so a retried attempt or a re-run of the
 * same period sends the same message, which mail systems recognise as one.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Brand, DigestConfig } from '../core/config/index.js';
import type { Logger } from '../core/logger.js';
import type { MailErrorFactory, SmtpSender } from '../platform/mail/smtp.js';
import { buildReport, chromiumAvailable, printPdf, renderReportHtml } from '../reports/index.js';
import { windowFromQuery, type DataReader } from '../web/index.js';

/** What the digest activity needs (composed in worker/reports.ts). */
export interface DigestDeps {
  digests: {
    reader: DataReader;
    brands: readonly Brand[];
    config: readonly DigestConfig[];
    /** The relay of `digest`; throws (non-retryable) when its URL variable is unset. */
    senderFor(digest: DigestConfig, errors: MailErrorFactory): SmtpSender;
    chromiumPath: string;
    logger: Logger;
  };
}

/** One brand's digest for the period [fromMs, toMs). */
export interface SendDigestInput {
  digestId: string;
  brand: string;
  fromMs: number;
  toMs: number;
}

export interface SendDigestResult {
  messageId: string;
  pdf: boolean;
}

/** The Message-ID of a digest mail: the same for every attempt of (digest, brand, period start). */
export const digestMessageId = (input: SendDigestInput): string =>
  `digest.${input.digestId}.${input.brand}.${new Date(input.fromMs).toISOString().replace(/[-:]|\.\d{3}/g, '')}@earshot.reports`;

/** SMTP failures of a digest as Temporal failures: refused login or message are not retried. */
function digestMailErrors(digest: DigestConfig): MailErrorFactory {
  const variable = digest.email.smtpUrlEnv;
  return {
    auth: (message) =>
      ApplicationFailure.nonRetryable(
        `Digest ${digest.id}: ${message} The URL is in the environment variable ${variable}.`,
        'DigestSmtpAuthError',
      ),
    rejected: (message) =>
      ApplicationFailure.nonRetryable(
        `Digest ${digest.id}: ${message} (relay from ${variable}, recipients in reports.digests)`,
        'DigestMailRejectedError',
      ),
    transient: (message) =>
      ApplicationFailure.retryable(`Digest ${digest.id}: ${message}`, 'DigestMailError'),
  };
}

const escapeText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function createDigestActivities(deps: DigestDeps) {
  const { reader, brands, config, senderFor, chromiumPath, logger } = deps.digests;
  return {
    async sendDigest(input: SendDigestInput): Promise<SendDigestResult> {
      const digest = config.find((d) => d.id === input.digestId);
      if (!digest) {
        throw ApplicationFailure.nonRetryable(
          `Digest ${input.digestId} is no longer in reports.digests of the config.`,
          'ConfigError',
        );
      }
      const window = windowFromQuery({ from: String(input.fromMs), to: String(input.toMs) });
      const data = await buildReport({ reader, brands, brand: input.brand, window });
      const report = renderReportHtml(data);
      const period = `${day(input.fromMs)} – ${day(input.toMs - 1)}`;
      const wantPdf = digest.pdf;
      const pdf =
        wantPdf && chromiumAvailable(chromiumPath) ? await printPdf(report, chromiumPath) : undefined;
      const note = !wantPdf
        ? ''
        : pdf
          ? 'The report is attached as PDF.'
          : `No PDF attached: headless Chromium is not installed at ${chromiumPath} on the worker (install the Debian package chromium, or set EARSHOT_CHROMIUM_PATH).`;
      // Mail clients show the HTML part: the PDF note goes on top of the report there too.
      const html = note
        ? report.replace(/<body[^>]*>/, (tag) => `${tag}<p><em>${escapeText(note)}</em></p>`)
        : report;
      const text = [
        `Earshot digest "${digest.id}" for ${data.brand.name}, ${period} (UTC).`,
        'The full report is the HTML part of this message.',
        note,
      ]
        .filter(Boolean)
        .join('\n\n');
      const messageId = digestMessageId(input);
      const sender = senderFor(digest, digestMailErrors(digest));
      try {
        await sender.send({
          to: digest.email.to,
          subject: `[Earshot] ${data.brand.name} report, ${period}`,
          text,
          html,
          attachments: pdf
            ? [
                {
                  filename: `earshot-${input.brand}-${day(input.fromMs)}.pdf`,
                  content: pdf,
                  contentType: 'application/pdf',
                },
              ]
            : [],
          messageId,
          headers: { 'X-Earshot-Digest': digest.id },
        });
      } finally {
        sender.close();
      }
      logger.info({ digest: digest.id, brand: input.brand, period, pdf: Boolean(pdf) }, 'digest sent');
      return { messageId: `<${messageId}>`, pdf: Boolean(pdf) };
    },
  };
}

export type DigestActivities = ReturnType<typeof createDigestActivities>;
