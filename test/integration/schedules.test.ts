/**
 * Schedules follow the config: one per enabled source, created or updated in place, and removed when
 * the source is removed or disabled; reconciling twice changes nothing.
 */
import { Client, Connection, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { reconcileSchedules } from '../../worker/schedules.js';
import { configFromYaml, waitFor } from './support/harness.js';
import { namespaceForFile } from './support/namespace.js';

const config = (sources: string): ReturnType<typeof configFromYaml> =>
  configFromYaml(`brands:\n  - { key: acme, name: Acme, query: acme }\nsources:\n${sources}`);
const source = (id: string, interval: string, enabled = true): string =>
  `  - { id: ${id}, type: demo, interval: ${interval}, brands: [acme], enabled: ${enabled} }\n`;

describe('schedule reconciliation', () => {
  let connection: Connection;
  let client: Client;
  const listed = async (): Promise<string[]> => {
    const ids: string[] = [];
    for await (const s of client.schedule.list()) ids.push(s.scheduleId);
    return ids.sort();
  };

  beforeAll(async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection, namespace: namespaceForFile(import.meta.url) });
  });
  afterAll(async () => connection?.close());

  it('creates one schedule per source with explicit interval, overlap and catch-up window', async () => {
    const result = await reconcileSchedules(
      client,
      config(source('a', '15m') + source('b', '1h')),
      silentLogger,
      {
        triggerNew: false,
      },
    );
    expect(result).toEqual({ created: ['ingest:a', 'ingest:b'], updated: [], deleted: [] });
    const a = await client.schedule.getHandle('ingest:a').describe();
    expect(a.spec.intervals).toEqual([{ every: 900_000 }]);
    expect(a.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(a.policies.catchupWindow).toBe(900_000);
    expect(a.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'ingestWorkflow',
      args: [{ sourceId: 'a' }],
    });
  });

  it('updates changed sources, deletes removed and disabled ones, adds new ones', async () => {
    await waitFor('both schedules to be listed', async () => (await listed()).length === 2);
    const next = config(source('a', '5m') + source('c', '30m') + source('d', '1h', false));
    const result = await reconcileSchedules(client, next, silentLogger, { triggerNew: false });
    expect(result).toEqual({ created: ['ingest:c'], updated: ['ingest:a'], deleted: ['ingest:b'] });
    expect((await client.schedule.getHandle('ingest:a').describe()).spec.intervals).toEqual([
      { every: 300_000 },
    ]);
    await expect(client.schedule.getHandle('ingest:b').describe()).rejects.toBeInstanceOf(
      ScheduleNotFoundError,
    );
    await expect(client.schedule.getHandle('ingest:d').describe()).rejects.toBeInstanceOf(
      ScheduleNotFoundError,
    );

    await waitFor('the new set to be listed', async () => (await listed()).join() === 'ingest:a,ingest:c');
    const again = await reconcileSchedules(client, next, silentLogger, { triggerNew: false });
    expect(again).toEqual({ created: [], updated: ['ingest:a', 'ingest:c'], deleted: [] });
  });
});
