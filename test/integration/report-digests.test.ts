/**
 * Report digests end to end, with the real Temporal dev server, chDB and a real SMTP server: the config's
 * digest becomes a Temporal Schedule; triggering it e-mails the brand's report (HTML body with its KPIs; the
 * PDF when Chromium is installed, else a note saying why not); a re-run of the same period sends the same
 * Message-ID; a refused SMTP login fails at once (not retried) naming the variable that holds the URL.
 */
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INGEST_TASK_QUEUE, digestScheduleId } from '../../core/temporal-names.js';
import { chromiumAvailable } from '../../reports/index.js';
import { upsertMentions } from '../../storage/mentions.js';
import type { ReportDigestResult } from '../../workflows/index.js';
import { startSmtpReceiver, type SmtpReceiver } from '../support/alert-channels.js';
import { spikeHistory } from '../support/spike-mentions.js';
import { configFromYaml, startHarness, waitFor, type Harness } from './support/harness.js';

describe('scheduled report digests', () => {
  let harness: Harness;
  let smtp: SmtpReceiver;
  let stored: number;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    const config = configFromYaml(`
brands:
  - { key: acme, name: Acme Air, query: acme }
reports:
  digests:
    - id: weekly
      brands: [acme]
      email: { to: [lead@example.com], smtpUrlEnv: TEST_SMTP_URL }
    - id: locked
      brands: [acme]
      every: 1d
      email: { to: [lead@example.com], smtpUrlEnv: TEST_SMTP_WRONG_URL }
`);
    harness = await startHarness(import.meta.url, config, {
      TEST_SMTP_URL: smtp.url,
      TEST_SMTP_WRONG_URL: smtp.url.replace(':secret@', ':wrong@'),
      EARSHOT_CHROMIUM_PATH: '/usr/bin/chromium',
    });
    // A few hours of mentions ending two hours ago: all inside the last week.
    const mentions = spikeHistory({
      brand: 'acme',
      end: Date.now() - 2 * 3_600_000,
      days: 0.2,
      spikeMinutes: 5,
    });
    stored = mentions.length;
    await upsertMentions(harness.store, mentions);
  });

  afterAll(async () => {
    await harness?.stop();
    await smtp?.close();
  });

  it('a triggered digest schedule e-mails the brand report once, and a re-run reuses the Message-ID', async () => {
    const handle = harness.client.schedule.getHandle(digestScheduleId('weekly'));
    const described = await handle.describe();
    expect(described.spec.intervals?.[0]?.every).toBe(7 * 86_400_000);
    expect(smtp.mails).toHaveLength(0); // reconciliation does not send a new digest by itself

    await handle.trigger();
    const mail = await waitFor('the digest e-mail', async () => smtp.mails[0], 120_000);
    expect(mail.subject).toMatch(/^\[Earshot\] Acme Air report, \d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}$/);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('lead@example.com');
    expect(mail.messageId).toMatch(/^<digest\.weekly\.acme\.\d{8}T\d{6}Z@earshot\.reports>$/);
    const html = String(mail.html);
    expect(html).toContain('<h1>Acme Air</h1>');
    expect(html).toContain('class="panel kpis"');
    const firstKpi = /class="kpi-value">\s*([^<\s]+)\s*</.exec(html)?.[1];
    expect(firstKpi).toBe(String(stored)); // the brand's mention count of the period
    if (chromiumAvailable('/usr/bin/chromium')) {
      expect(mail.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
      expect(mail.text).toContain('attached as PDF');
    } else {
      expect(mail.attachments).toHaveLength(0);
      expect(mail.text).toContain('No PDF attached: headless Chromium is not installed at /usr/bin/chromium');
      expect(html).toContain('No PDF attached');
    }

    // The scheduled run's period, re-run (what a retried attempt sends): the same message again.
    const info = await handle.describe();
    const runId = info.info.recentActions[0]!.action.workflow.workflowId;
    const first = (await harness.client.workflow.getHandle(runId).result()) as ReportDigestResult;
    expect(first.toMs - first.fromMs).toBe(7 * 86_400_000);
    const again = await harness.client.workflow.execute('reportDigestWorkflow', {
      taskQueue: INGEST_TASK_QUEUE,
      workflowId: `digest-rerun-${Date.now()}`,
      args: [{ digestId: 'weekly', brands: ['acme'], periodMs: 7 * 86_400_000, endMs: first.toMs }],
    });
    expect((again as ReportDigestResult).sent[0]!.messageId).toBe(mail.messageId);
    await waitFor('the re-sent e-mail', async () => smtp.mails.length >= 2, 60_000);
    expect(smtp.mails).toHaveLength(2);
    expect(smtp.mails[1]!.messageId).toBe(mail.messageId);
    expect(smtp.mails[1]!.subject).toBe(mail.subject);
  });

  it('a refused SMTP login fails at once, naming the variable with the URL', async () => {
    const workflowId = `digest-locked-${Date.now()}`;
    const run = harness.client.workflow.execute('reportDigestWorkflow', {
      taskQueue: INGEST_TASK_QUEUE,
      workflowId,
      args: [{ digestId: 'locked', brands: ['acme'], periodMs: 86_400_000 }],
    });
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const message = String((error as WorkflowFailedError).cause?.message);
    expect(message).toContain('refused the login');
    expect(message).toContain('TEST_SMTP_WRONG_URL');
    expect(message).not.toContain(':wrong@'); // the password never shows
    // One attempt only: the failure is non-retryable.
    const history = await harness.client.workflow.getHandle(workflowId).fetchHistory();
    const started = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes);
    expect(started).toHaveLength(1);
    expect(started[0]!.activityTaskStartedEventAttributes!.attempt).toBe(1);
  });
});
