/**
 * Killing the worker (SIGKILL) in the middle of an ingest and starting it again loses nothing and
 * duplicates nothing. The worker is the real `earshot worker` command in a child process, against the
 * shared Temporal dev server; the source is the deterministic demo generator, so the test can recompute
 * exactly which mentions must be stored.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

const DEMO_OPTIONS = { seed: 7, ratePerMinute: 30, maxPerPage: 400, spikeEveryHours: 6, backfillHours: 24 };

describe('worker killed mid-ingest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-kill-'));
  const namespace = namespaceForFile(import.meta.url);
  const workers: RunningCommand[] = [];
  let connection: Connection | undefined;

  afterAll(async () => {
    for (const w of workers) await w.stop('SIGKILL');
    await connection?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes after SIGKILL without losing or duplicating mentions', async () => {
    writeFileSync(
      join(dir, 'earshot.config.yaml'),
      `brands:
  - key: acme
    name: Acme
    query: acme
sources:
  - id: demo-kill
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
      EARSHOT_DATA_DIR: join(dir, 'data'),
      EARSHOT_LOG_LEVEL: 'warn',
    };
    connection = await Connection.connect({ address: inject('temporalAddress') });
    const client = new Client({ connection, namespace });

    const first = startEarshot(['worker'], { cwd: dir, env });
    workers.push(first);
    const workflowId = await waitFor(
      'the scheduled ingest to start',
      async () => {
        const schedule = await client.schedule
          .getHandle(ingestScheduleId('demo-kill'))
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

    const second = startEarshot(['worker'], { cwd: dir, env });
    workers.push(second);
    // Follows continue-as-new; the killed page is retried after its heartbeat timeout.
    await client.workflow.getHandle(workflowId).result();
    expect(await second.stop('SIGTERM')).toBe(0);

    const store = await createStore(
      { mode: 'embedded', dataDir: join(dir, 'data', 'clickhouse') },
      pino({ level: 'silent' }),
    );
    try {
      const stored = await expectExactDemoIngest(
        (sql) => queryObjects(store, sql),
        'demo-kill',
        DEMO_OPTIONS,
      );
      expect(stored).toBeGreaterThan(DEMO_OPTIONS.maxPerPage * 3);
    } finally {
      await store.close();
    }
  });
});
