/**
 * Alerts end to end, with the real Temporal dev server and chDB: a stored negative spike → the scheduled
 * spike-watch workflow records one incident with its evidence → one grouped message per channel reaches
 * a local webhook receiver (signature verified with the documented recipe), a server implementing Slack's
 * incoming-webhook contract, and a real SMTP server; a channel answering 500 keeps the alert recorded, is
 * retried and is reported with what to fix; later watch runs send nothing twice.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertChannelLines } from '../../cli/alerts/status-lines.js';
import { listAlerts } from '../../storage/alerts.js';
import { upsertMentions } from '../../storage/mentions.js';
import {
  startSlackReceiver,
  startSmtpReceiver,
  startWebhookReceiver,
  type HttpReceiver,
  type SmtpReceiver,
} from '../support/alert-channels.js';
import { spikeHistory } from '../support/spike-mentions.js';
import { configFromYaml, startHarness, waitFor, type Harness } from './support/harness.js';

const SECRET = 'test-signing-secret';

/** The receiving side's check, exactly as docs/alerts.md tells integrators to write it. */
function verifySignature(headers: Record<string, unknown>, body: string, secret: string): boolean {
  const timestamp = String(headers['x-earshot-timestamp']);
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  const given = String(headers['x-earshot-signature']);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

describe('alert delivery through the spike-watch workflow', () => {
  let harness: Harness;
  let webhook: HttpReceiver;
  let failing: HttpReceiver;
  let slack: HttpReceiver;
  let smtp: SmtpReceiver;

  beforeAll(async () => {
    [webhook, failing, slack, smtp] = await Promise.all([
      startWebhookReceiver(),
      startWebhookReceiver(),
      startSlackReceiver(),
      startSmtpReceiver(),
    ]);
    failing.status = 500;
    const config = configFromYaml(`
brands:
  - { key: acme, name: Acme Air, query: acme }
alerts:
  enabled: true
  interval: 10s
  channels:
    terminal: { type: log }
    hook: { type: webhook, url: ${webhook.url}, secretEnv: TEST_WEBHOOK_SECRET }
    broken: { type: webhook, url: ${failing.url} }
    team: { type: slack, webhookUrlEnv: TEST_SLACK_URL }
    mail: { type: email, to: [lead@example.com], smtpUrlEnv: TEST_SMTP_URL }
`);
    harness = await startHarness(import.meta.url, config, {
      TEST_WEBHOOK_SECRET: SECRET,
      TEST_SLACK_URL: slack.url,
      TEST_SMTP_URL: smtp.url,
    });
    // 45 minutes of 20 negatives a minute against about 4 mentions per 5 minutes: the detectors need several
    // buckets of evidence (persistence), so the burst is long enough to open an incident.
    await upsertMentions(
      harness.store,
      spikeHistory({ brand: 'acme', end: Date.now(), spikeMinutes: 45, spikePerMinute: 20 }),
    );
  });

  afterAll(async () => {
    await harness?.stop();
    await Promise.all([webhook, failing, slack, smtp].map((r) => r?.close()));
  });

  it('records the incident with evidence and delivers one signed, grouped message per channel', async () => {
    const [hookRequest] = await waitFor(
      'the webhook message',
      async () => webhook.received.length > 0 && webhook.received,
      150_000,
    );
    const alerts = await listAlerts(harness.store, { brand: 'acme' });
    const negative = alerts.find((a) => a.kind === 'negative_spike' && a.scopeType === 'brand');
    expect(negative, JSON.stringify(alerts.map((a) => [a.kind, a.scope]))).toBeDefined();
    expect(negative!.state).toBe('firing');
    expect(negative!.history).toBe(false);
    expect(negative!.summary).toMatch(/^Negative mentions of Acme Air: /);
    expect(negative!.summary).toContain('wait_time');
    expect(negative!.evidence!.mentions[0]!.url).toMatch(/^https:\/\/reddit\.example\/r\/acme\/spike-/);
    expect(negative!.evidence!.aspects[0]!.name).toBe('wait_time');
    expect(negative!.expected).toBeLessThan(negative!.observed);

    // Webhook: versioned body, verifiable signature, idempotency key, every alert of the run in one message.
    expect(verifySignature(hookRequest!.headers, hookRequest!.body, SECRET)).toBe(true);
    expect(verifySignature(hookRequest!.headers, hookRequest!.body, 'another secret')).toBe(false);
    const body = JSON.parse(hookRequest!.body) as {
      schema: string;
      idempotency_key: string;
      alerts: Array<Record<string, unknown>>;
    };
    expect(body.schema).toBe('earshot.alerts.v1');
    expect(hookRequest!.headers['idempotency-key']).toBe(body.idempotency_key);
    expect(body.alerts.map((a) => a.id)).toContain(negative!.id);
    expect(body.alerts.every((a) => a.transition === 'fired')).toBe(true);

    // Slack: accepted by the contract server, escaped mrkdwn (the post's "<Acme> & …" never becomes markup).
    await waitFor('the Slack message', async () => slack.received.length > 0, 60_000);
    const slackBody = slack.received[0]!.body;
    expect(slackBody).toContain('Negative spike — Acme Air');
    expect(slackBody).not.toMatch(/<Acme>/);
    expect(JSON.parse(slackBody).attachments[0].color).toMatch(/^#[0-9a-f]{6}$/);

    // E-mail: HTML and plain text, Message-ID from the idempotency key, untrusted text escaped in HTML.
    const mail = await waitFor('the e-mail', async () => smtp.mails[0], 60_000);
    expect(mail.subject).toMatch(/^\[Earshot\] /);
    expect(mail.text).toContain('Negative mentions of Acme Air');
    expect(mail.html).toContain('https://reddit.example/r/acme/spike-');
    expect(mail.html).not.toContain('<Acme>');
    expect(mail.messageId).toMatch(/@earshot\.alerts>$/);

    // Later watch runs (every 10 s) send nothing a second time.
    await new Promise((r) => setTimeout(r, 25_000));
    expect(webhook.received).toHaveLength(1);
    expect(slack.received).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
    const after = await listAlerts(harness.store, { ids: [negative!.id] });
    const sent = after[0]!.deliveries
      .filter((d) => d.transition === 'fired' && d.status === 'sent')
      .map((d) => d.channel);
    expect(sent.sort()).toEqual(['hook', 'mail', 'team', 'terminal']);
  });

  it('keeps the alert when a channel fails, retries it, and says what to fix', async () => {
    const broken = await waitFor(
      'the failing channel to be retried',
      async () => {
        const [alert] = await listAlerts(harness.store, { brand: 'acme', limit: 1 });
        const d = alert?.deliveries.find((x) => x.channel === 'broken');
        return d && d.status === 'failed' && d.attempts >= 2 && d;
      },
      120_000,
    );
    expect(failing.received.length).toBeGreaterThanOrEqual(2);
    // Every retry of that message carries the same idempotency key.
    expect(new Set(failing.received.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(broken.lastError).toMatch(/500/);
    expect(broken.fix).toMatch(/alerts\.channels\.broken\.url/);
    const lines = await alertChannelLines(harness.dataDir);
    expect(lines.join('\n')).toMatch(
      /Alert channel broken \(webhook\): \d+ alert message\(s\) not delivered/,
    );
    expect(lines.join('\n')).toMatch(/What to do: /);
  });
});
