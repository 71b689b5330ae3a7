/**
 * Generic webhook: a POST of a documented, versioned JSON body (docs/alerts.md, "Delivery"), signed so the
 * receiver can check it came from this Earshot and was not replayed:
 *
 * - `X-Earshot-Timestamp`: Unix seconds of the attempt;
 * - `X-Earshot-Signature`: `v1=` + hex HMAC-SHA256, keyed with the shared secret, of `<timestamp>.<body>`;
 * - `Idempotency-Key`: the same on every retry of this message (the receiver drops repeats).
 */
import { createHmac } from 'node:crypto';
import type { AlertRecord } from '../../core/alert.js';
import { NotifierRejectedError } from '../../core/errors.js';
import { safeCheck } from '../../platform/health.js';
import { httpRequest } from '../../platform/http/index.js';
import { notifierHttpErrors } from './http-errors.js';
import type { NotificationBatch, Notifier } from './types.js';

/** The body's schema id; a breaking change gets a new one. */
export const WEBHOOK_SCHEMA = 'earshot.alerts.v1';

/** Options of `createWebhookNotifier`. */
export interface WebhookNotifierOptions {
  channel: string;
  url: string;
  /** Signing secret (from the environment); undefined sends no signature. */
  secret: string | undefined;
  /** Variable that should hold the secret, when configured: a configured but unset secret refuses to send. */
  secretEnv?: string;
  timeoutMs?: number;
}

/** The JSON body for a batch (exported for tests and docs). */
export function webhookBody(batch: NotificationBatch): Record<string, unknown> {
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  const alert = (a: AlertRecord): Record<string, unknown> => ({
    id: a.id,
    brand: a.brand,
    kind: a.kind,
    scope_type: a.scopeType,
    scope: a.scope,
    state: a.state,
    severity: a.severity,
    window_start: iso(a.windowStart),
    window_end: iso(a.windowEnd),
    opened_at: iso(a.openedAt),
    resolved_at: iso(a.resolvedAt),
    observed: a.observed,
    expected: a.expected,
    spread: a.spread,
    strength: a.strength,
    summary: a.summary,
    evidence: a.evidence,
    rule: a.rule,
  });
  return {
    schema: WEBHOOK_SCHEMA,
    idempotency_key: batch.idempotencyKey,
    sent_at: iso(batch.sentAt),
    test: batch.test === true,
    alerts: batch.items.map((item) => ({
      transition: item.transition,
      brand_name: item.brandName,
      ...alert(item.alert),
    })),
  };
}

/** `v1=<hex>`: HMAC-SHA256 of `<timestamp>.<body>` with `secret`. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** A webhook channel. */
export function createWebhookNotifier(options: WebhookNotifierOptions): Notifier {
  const errors = notifierHttpErrors(options.channel, `alerts.channels.${options.channel}.url`);
  const missingSecret = (): NotifierRejectedError =>
    new NotifierRejectedError(
      `Webhook channel ${options.channel}: ${options.secretEnv} is not set.`,
      options.channel,
      `Set the environment variable ${options.secretEnv} to the shared signing secret (or remove secretEnv).`,
    );
  return {
    channel: options.channel,
    type: 'webhook',
    async send(batch) {
      if (options.secretEnv && !options.secret) throw missingSecret();
      const body = JSON.stringify(webhookBody(batch));
      const timestamp = String(Math.floor(batch.sentAt / 1000));
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'Idempotency-Key': batch.idempotencyKey,
        'X-Earshot-Timestamp': timestamp,
      };
      if (options.secret) headers['X-Earshot-Signature'] = webhookSignature(options.secret, timestamp, body);
      await httpRequest({
        subject: options.channel,
        service: 'Webhook',
        url: options.url,
        method: 'POST',
        headers,
        data: body,
        expect: 'text',
        timeoutMs: options.timeoutMs,
        errors,
      });
    },
    check: () =>
      safeCheck(async () => {
        if (options.secretEnv && !options.secret) throw missingSecret();
        return options.secret
          ? `signed POST to ${new URL(options.url).host}`
          : `unsigned POST to ${new URL(options.url).host}`;
      }),
  };
}
