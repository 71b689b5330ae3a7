/**
 * Ingest runs and alerts for the pipeline-health and alert panels, written through storage's own writers.
 * reddit-main: 3 polls (ok, rate_limited, ok) in hour T0; appstore-us: 1 failed poll at T0+2h.
 * Alerts: one negative spike on acme (delivered to slack, pending on email), one learned from history
 * (never shown), one volume drop on globex.
 */
import type { AlertRecord } from '../../../core/alert.js';
import type { Store } from '../../../storage/client.js';
import { recordAlerts, recordDeliveries } from '../../../storage/alerts.js';
import { recordIngestRun, type IngestRun } from '../../../storage/runs.js';
import { T0 } from './fixture.js';

const MIN = 60_000;

function run(n: number, o: Partial<IngestRun>): IngestRun {
  return {
    runId: `run-${n}`,
    workflowId: 'ingest:reddit:main',
    sourceId: 'reddit-main',
    source: 'reddit',
    brands: ['acme'],
    startedAt: T0 + n * 10 * MIN,
    finishedAt: T0 + n * 10 * MIN + 2000,
    pages: 1,
    fetched: 10,
    new: 4,
    updated: 1,
    unchanged: 5,
    skippedInvalid: 0,
    errors: 0,
    status: 'ok',
    ...o,
  };
}

function alert(o: Partial<AlertRecord> & { id: string }): AlertRecord {
  return {
    brand: 'acme',
    kind: 'negative_spike',
    scopeType: 'brand',
    scope: '',
    windowStart: T0 + 30 * MIN,
    windowEnd: T0 + 45 * MIN,
    state: 'firing',
    openedAt: T0 + 36 * MIN,
    resolvedAt: null,
    observed: 12,
    expected: 2,
    spread: 1,
    severity: 0.8,
    strength: '6x the usual',
    summary: 'Negative mentions of Acme: 12 in 5 min',
    evidence: null,
    rule: { kind: 'negative_spike' },
    history: false,
    ...o,
  };
}

export async function seedPipelineFixture(store: Store): Promise<void> {
  await recordIngestRun(store, run(0, { finishedAt: T0 + 1000 }));
  await recordIngestRun(
    store,
    run(1, {
      status: 'rate_limited',
      errors: 1,
      fetched: 0,
      new: 0,
      updated: 0,
      unchanged: 0,
      errorType: 'RateLimitedError',
      errorMessage: 'Reddit rate limit reached',
    }),
  );
  await recordIngestRun(store, run(2, { finishedAt: T0 + 20 * MIN + 3000 }));
  await recordIngestRun(
    store,
    run(12, {
      sourceId: 'appstore-us',
      source: 'appstore',
      workflowId: 'ingest:appstore:us',
      status: 'failed',
      errors: 1,
      fetched: 0,
      new: 0,
      updated: 0,
      unchanged: 0,
      errorType: 'TransientSourceError',
      errorMessage: 'HTTP 503',
    }),
  );
  await recordAlerts(store, [
    alert({ id: 'a1' }),
    alert({ id: 'a-history', history: true, windowStart: T0 + 60 * MIN }),
    alert({
      id: 'a2',
      brand: 'globex',
      kind: 'drop',
      scopeType: 'source',
      scope: 'reddit-main',
      windowStart: T0 + 3 * 60 * MIN,
      windowEnd: T0 + 3 * 60 * MIN + 5 * MIN,
      summary: 'Drop in mentions of Globex on reddit-main',
    }),
  ]);
  const delivery = {
    transition: 'fired' as const,
    attempts: 1,
    notBefore: T0,
    lastError: '',
    fix: '',
    idempotencyKey: 'k',
  };
  await recordDeliveries(store, [
    {
      ...delivery,
      alertId: 'a1',
      channel: 'support-slack',
      channelType: 'slack',
      status: 'sent',
      sentAt: T0 + 37 * MIN,
    },
    {
      ...delivery,
      alertId: 'a1',
      channel: 'leads-email',
      channelType: 'email',
      status: 'pending',
      attempts: 0,
    },
  ]);
}
