/**
 * Killing the worker (SIGKILL, the real `earshot worker` in a child process) while it delivers an alert: after
 * a restart the alert is still one record, its delivery completes, and the receiver accepts one message. The
 * local receiver commits a message only when its answer reached the sender (as a receiver that processes a
 * request only once it can acknowledge it does): the request cut by the kill is not accepted, and the retry
 * Temporal sends after the activity's timeout carries the same idempotency key.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { listAlerts } from '../../storage/alerts.js';
import { createStore } from '../../storage/client.js';
import { upsertMentions } from '../../storage/mentions.js';
import { migrate } from '../../storage/migrations/index.js';
import { queryObjects } from '../../storage/query.js';
import { startEarshot, type RunningCommand } from '../e2e/support.js';
import { spikeHistory } from '../support/spike-mentions.js';
import { waitFor } from './support/harness.js';
import { namespaceForFile } from './support/namespace.js';

describe('worker killed during alert delivery', () => {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-alert-kill-'));
  const workers: RunningCommand[] = [];
  const requests: Array<{ key: string }> = [];
  const accepted: Array<{ key: string; body: string }> = [];
  let holdFirst = true;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key']);
      requests.push({ key });
      const answer = (): void => {
        res.end('ok', () => accepted.push({ key, body: Buffer.concat(chunks).toString('utf8') }));
      };
      // The first request is held until its sender is gone; later ones are answered at once.
      if (holdFirst) {
        holdFirst = false;
        return;
      }
      answer();
    });
  });

  afterAll(async () => {
    for (const w of workers) await w.stop('SIGKILL');
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('completes the delivery after a restart with one record and one accepted message', async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    writeFileSync(
      join(dir, 'earshot.config.yaml'),
      `brands:\n  - { key: acme, name: Acme Air, query: acme }\nalerts:\n  enabled: true\n  interval: 10s\n  channels:\n    hook: { type: webhook, url: ${url} }\n  routes:\n    - { channels: [hook], kinds: [negative_spike] }\n`,
    );
    const dataDir = join(dir, 'data');
    const open = () =>
      createStore({ mode: 'embedded', dataDir: join(dataDir, 'clickhouse') }, pino({ level: 'silent' }));
    let store = await open();
    await migrate(store);
    await upsertMentions(
      store,
      spikeHistory({ brand: 'acme', end: Date.now(), spikeMinutes: 45, spikePerMinute: 20 }),
    );
    await store.close();

    const env = {
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_NAMESPACE: namespaceForFile(import.meta.url),
      EARSHOT_DATA_DIR: dataDir,
      EARSHOT_LOG_LEVEL: 'warn',
    };
    const first = startEarshot(['worker'], { cwd: dir, env });
    workers.push(first);
    await waitFor('the first delivery attempt', async () => requests.length > 0, 150_000);
    first.child.kill('SIGKILL');
    await first.stop('SIGKILL');
    server.closeAllConnections(); // the held request dies with its sender: never acknowledged

    const second = startEarshot(['worker'], { cwd: dir, env });
    workers.push(second);
    // Temporal retries the lost attempt after its start-to-close timeout (45 s).
    await waitFor('the retried delivery to be accepted', async () => accepted.length > 0, 150_000);
    await new Promise((r) => setTimeout(r, 15_000)); // more watch runs: nothing is sent again
    expect(await second.stop('SIGTERM')).toBe(0);

    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.key).toBe(requests[0]!.key);
    expect(new Set(requests.map((r) => r.key)).size).toBe(1);

    store = await open();
    try {
      const ids = JSON.parse(accepted[0]!.body).alerts.map((a: { id: string }) => a.id) as string[];
      const rows = await queryObjects<{ n: string }>(
        store,
        'SELECT count() AS n FROM alerts FINAL WHERE has({ids:Array(String)}, id)',
        { ids },
      );
      expect(Number(rows[0]!.n)).toBe(ids.length);
      const [alert] = await listAlerts(store, { ids: [ids[0]!] });
      expect(alert!.deliveries.find((d) => d.channel === 'hook' && d.transition === 'fired')?.status).toBe(
        'sent',
      );
    } finally {
      await store.close();
    }
  });
});
