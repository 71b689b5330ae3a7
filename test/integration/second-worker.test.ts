/**
 * A second `earshot worker` beside `earshot up`, writing to up's embedded store through its ClickHouse HTTP
 * interface as the `writer` user (CLICKHOUSE_URL + writer credentials from `clickhouse-users.json`), on up's
 * Temporal and task queue. Both share the demo ingest; the second is SIGKILLed mid-ingest and up's worker
 * finishes: nothing lost, nothing duplicated, aggregates exact. Everything runs as the user would run it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestScheduleId } from '../../core/temporal-names.js';
import { startEarshot, startUp, type RunningCommand } from '../e2e/support.js';
import { expectExactDemoIngest } from './support/exact-demo-ingest.js';
import { waitFor } from './support/harness.js';

// Four days of backfill at 40 a minute (about 230,000 mentions): an ingest long enough that the second worker,
// started after `up`, joins it well before it ends (`up` alone stores about 1,000 mentions a second here).
const DEMO_OPTIONS = { seed: 11, ratePerMinute: 40, maxPerPage: 400, spikeEveryHours: 6, backfillHours: 96 };

describe('a second earshot worker on the embedded store over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-second-worker-'));
  const processes: RunningCommand[] = [];
  let connection: Connection | undefined;

  afterAll(async () => {
    for (const p of processes) await p.stop('SIGKILL');
    await connection?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shares the ingest, survives its SIGKILL, and the data is exact', async () => {
    writeFileSync(
      join(dir, 'earshot.config.yaml'),
      `brands:
  - key: acme
    name: Acme
    query: acme
sources:
  - id: demo-share
    type: demo
    interval: 1h
    brands: [acme]
    maxRequestsPerSecond: 100
    options: ${JSON.stringify(DEMO_OPTIONS)}
`,
    );
    const up = await startUp(dir, {}, 240_000);
    processes.push(up);
    const dataDir = join(dir, '.earshot/data');
    const temporal = JSON.parse(readFileSync(join(dataDir, 'up.json'), 'utf8')) as {
      address: string;
      namespace: string;
    };
    const endpoint = JSON.parse(readFileSync(join(dataDir, 'clickhouse-http.json'), 'utf8')) as {
      url: string;
    };
    const users = (
      JSON.parse(readFileSync(join(dataDir, 'clickhouse-users.json'), 'utf8')) as {
        users: Record<string, string>;
      }
    ).users;

    const second = startEarshot(['worker'], {
      cwd: dir,
      env: {
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_NAMESPACE: temporal.namespace,
        CLICKHOUSE_URL: endpoint.url,
        CLICKHOUSE_USER: 'writer',
        CLICKHOUSE_PASSWORD: users.writer!,
        EARSHOT_LOG_LEVEL: 'info',
        EARSHOT_LOG_FORMAT: 'json',
      },
    });
    processes.push(second);

    connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection, namespace: temporal.namespace });
    const workflowId = await waitFor(
      'the scheduled ingest to run',
      async () => {
        const schedule = await client.schedule
          .getHandle(ingestScheduleId('demo-share'))
          .describe()
          .catch(() => null);
        return schedule?.info.runningActions[0]?.workflow.workflowId;
      },
      120_000,
    );
    // The second worker takes its share of the pages (Temporal hands them to either poller).
    const identity = `${second.child.pid}@`;
    const pagesBySecond = async (): Promise<number> => {
      let count = 0;
      for await (const execution of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
        const history = await client.workflow.getHandle(workflowId, execution.runId).fetchHistory();
        const started = new Map<string, string>();
        for (const e of history.events ?? []) {
          const attrs = e.activityTaskStartedEventAttributes;
          if (attrs) started.set(String(e.eventId), attrs.identity ?? '');
          const done = e.activityTaskCompletedEventAttributes;
          if (done && started.get(String(done.startedEventId))?.startsWith(identity)) count++;
        }
      }
      return count;
    };
    await waitFor(
      'two pages stored by the second worker',
      async () => (await pagesBySecond()) >= 2,
      240_000,
      200,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\nsecond worker output:\n${second.output().slice(-4000)}`);
    });
    expect(second.output()).toMatch(/schema is current/);
    second.child.kill('SIGKILL');
    await second.stop('SIGKILL');

    // up's worker finishes the ingest (the killed page is retried after its heartbeat timeout).
    await client.workflow.getHandle(workflowId).result();

    const analyst = createClient({
      url: endpoint.url,
      username: 'analyst',
      password: users.analyst!,
      database: 'earshot',
    });
    try {
      const rows = async <T>(query: string): Promise<T[]> =>
        (await analyst.query({ query, format: 'JSONEachRow' })).json<T>();
      const stored = await expectExactDemoIngest(rows, 'demo-share', DEMO_OPTIONS);
      expect(stored).toBeGreaterThan(DEMO_OPTIONS.maxPerPage * 3);
    } finally {
      await analyst.close();
    }
    expect(await up.stop('SIGINT')).toBe(0);
  }, 900_000);
});
