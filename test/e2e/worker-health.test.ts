/**
 * `earshot worker --health-port` as a container probe uses it: /livez answers at once, /healthz turns 200
 * once the worker polls the (real, test) Temporal server and its store answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { namespaceForFile } from '../integration/support/namespace.js';
import { startEarshot, type RunningCommand } from './support.js';

const EXAMPLE_CONFIG = fileURLToPath(new URL('../../cli/config/earshot.example.yaml', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForStatus(url: string, status: number, timeoutMs: number): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      const body: unknown = await response.json();
      if (response.status === status) return body;
      last = `${response.status} ${JSON.stringify(body)}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms; last: ${last}`);
}

describe('earshot worker --health-port', () => {
  let dataDir: string;
  let worker: RunningCommand;
  let base: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'earshot-worker-health-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    worker = startEarshot(
      [
        'worker',
        '--config',
        EXAMPLE_CONFIG,
        '--data-dir',
        dataDir,
        '--health-port',
        String(port),
        '--health-host',
        '127.0.0.1',
      ],
      {
        env: {
          TEMPORAL_ADDRESS: inject('temporalAddress'),
          TEMPORAL_NAMESPACE: namespaceForFile(import.meta.url),
          EARSHOT_LOG_LEVEL: 'info',
          EARSHOT_LOG_FORMAT: 'json',
        },
      },
    );
  });

  afterAll(async () => {
    await worker?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /livez, then /healthz with the store and Temporal checks once the worker polls', async () => {
    expect(await waitForStatus(`${base}/livez`, 200, 60_000)).toEqual({ ok: true });
    const ready = await waitForStatus(`${base}/healthz`, 200, 120_000);
    expect(ready).toMatchObject({
      ok: true,
      checks: { store: { ok: true }, temporal: { ok: true, detail: expect.stringMatching(/serving/) } },
    });
    expect(worker.output()).toMatch(/health endpoints listening/);
  });
});
