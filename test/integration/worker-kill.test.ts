/**
 * Killing the worker (SIGKILL) in the middle of an ingest and starting it again loses nothing and
 * duplicates nothing. The worker is the real `earshot worker` command in a child process, against the
 * shared Temporal dev server; the source is the deterministic demo generator, so the test can recompute
 * exactly which mentions must be stored.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { pino } from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ingestScheduleId } from '../../core/temporal-names.js';
import { createStore } from '../../storage/client.js';
import { queryObjects } from '../../storage/query.js';
import { startEarshot, type RunningCommand } from '../e2e/support.js';
import { expectExactDemoIngest } from './support/exact-demo-ingest.js';
import { waitFor } from './support/harness.js';
import { namespaceForFile } from './support/namespace.js';

// 48 h at 30 a minute: ~86,000 mentions, several batches (BATCH_LIMITS) after the three the kill waits for.
const DEMO_OPTIONS = { seed: 7, ratePerMinute: 30, maxPerPage: 400, spikeEveryHours: 6, backfillHours: 48 };

describe('worker killed mid-ingest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-kill-'));
  const namespace = namespaceForFile(import.meta.url);
  const workers: RunningCommand[] = [];
  let connection: Connection | undefined;
  // vitest retries a failed attempt once (vitest.config.ts): each attempt gets a source (and so a schedule
  // and cursor) and a data dir of its own, since the first attempt's schedule has already run.
  let attempt = 0;

  afterAll(async () => {
    for (const w of workers) await w.stop('SIGKILL');
    await connection?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes after SIGKILL without losing or duplicating mentions', async () => {
    attempt++;
    const sourceId = `demo-kill-${attempt}`;
    const cwd = join(dir, `attempt-${attempt}`);
    mkdirSync(cwd);
    writeFileSync(
      join(cwd, 'earshot.config.yaml'),
      `brands:
  - key: acme
    name: Acme
    query: acme
sources:
  - id: ${sourceId}
    type: demo
    interval: 1h
    brands: [acme]
    maxRequestsPerSecond: 100
    options: ${JSON.stringify(DEMO_OPTIONS)}
`,
    );
    const env = {
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_NAMESPACE: namespace,
      EARSHOT_DATA_DIR: join(cwd, 'data'),
      EARSHOT_LOG_LEVEL: 'warn',
    };
    connection ??= await Connection.connect({ address: inject('temporalAddress') });
    const client = new Client({ connection, namespace });

    const first = startEarshot(['worker'], { cwd, env });
    workers.push(first);
    const workflowId = await waitFor(
      'the scheduled ingest to start',
      async () => {
        const schedule = await client.schedule
          .getHandle(ingestScheduleId(sourceId))
          .describe()
          .catch(() => null);
        return schedule?.info.runningActions[0]?.workflow.workflowId;
      },
      120_000,
    );
    const completedPages = async (): Promise<number> => {
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      return (history.events ?? []).filter((e) => e.activityTaskCompletedEventAttributes).length;
    };
    await waitFor('three stored pages', async () => (await completedPages()) >= 3, 120_000, 50);
    first.child.kill('SIGKILL');
    await first.stop('SIGKILL');

    // The kill must land mid-ingest, or the second worker has nothing to resume.
    const { status } = await client.workflow.getHandle(workflowId).describe();
    expect(status.name, 'the ingest was still running when its worker was killed').toBe('RUNNING');

    const second = startEarshot(['worker'], { cwd, env: { ...env, EARSHOT_LOG_LEVEL: 'info' } });
    workers.push(second);
    // Follows continue-as-new; the killed page is retried after its heartbeat timeout.
    await client.workflow.getHandle(workflowId).result();
    // A SIGTERM before the worker installed its handlers would end it by the signal, as for any process.
    await second.waitForOutput('worker ready');
    const exit = await second.stop('SIGTERM');
    expect(exit, `second worker after SIGTERM:\n${second.output()}`).toBe(0);

    const store = await createStore(
      { mode: 'embedded', dataDir: join(cwd, 'data', 'clickhouse') },
      pino({ level: 'silent' }),
    );
    try {
      const stored = await expectExactDemoIngest((sql) => queryObjects(store, sql), sourceId, DEMO_OPTIONS);
      expect(stored).toBeGreaterThan(DEMO_OPTIONS.maxPerPage * 3);
    } finally {
      await store.close();
    }
  });
});
