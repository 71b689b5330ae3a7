/**
 * Runs Earshot's real worker stack in the test process: embedded chDB in a temp dir, the shared
 * Temporal dev server (this file's own namespace), the prebuilt workflow bundle and the schedules
 * reconciled from a config — exactly what `earshot up` wires, minus the dev server start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { pino } from 'pino';
import { inject } from 'vitest';
import type { EarshotConfig } from '../../../core/config/index.js';
import { parseConfigText } from '../../../core/config/index.js';
import { createStore, type Store } from '../../../storage/client.js';
import { migrate } from '../../../storage/migrations/index.js';
import { queryObjects } from '../../../storage/query.js';
import { serveStoreOverHttp } from '../../../storage/clickhouse-http/index.js';
import { runWorkers } from '../../../worker/run-worker.js';
import type { IngestRetryOverrides } from '../../../workflows/index.js';
import { namespaceForFile } from './namespace.js';

/** A running Earshot stack for one test file. */
export interface Harness {
  store: Store;
  client: Client;
  namespace: string;
  /** Data dir of the stack; `earshot sql|status --data-dir <dataDir>` reach it through its ClickHouse HTTP interface. */
  dataDir: string;
  /** Runs a read query and returns its rows. */
  rows<T = Record<string, unknown>>(sql: string, params?: Record<string, unknown>): Promise<T[]>;
  stop(): Promise<void>;
}

/** Polls `probe` until it returns a truthy value (returned) or the timeout elapses (throws with `what`). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 60_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Parses a YAML config the way `earshot up` does. */
export const configFromYaml = (yaml: string): EarshotConfig => parseConfigText(yaml, 'test config');

/** Starts the stack for `testFile` (pass `import.meta.url`) with `config`. */
export async function startHarness(
  testFile: string,
  config: EarshotConfig,
  env: NodeJS.ProcessEnv = {},
  /** Reuse a data dir (a restart with another config); it is then kept on stop. */
  reuseDataDir?: string,
  /** A short page backoff for the scheduled ingests, so failing sources fail fast. */
  options: { ingestRetry?: IngestRetryOverrides } = {},
): Promise<Harness> {
  const namespace = namespaceForFile(testFile);
  const dataDir = reuseDataDir ?? mkdtempSync(join(tmpdir(), 'earshot-harness-'));
  const logger = pino({ level: process.env.EARSHOT_TEST_LOG_LEVEL ?? 'warn' });
  const store = await createStore({ mode: 'embedded', dataDir: join(dataDir, 'clickhouse') }, logger);
  await migrate(store);
  // Served like `earshot up` does, so CLI commands can be run against this stack (--data-dir dataDir).
  const endpoint = await serveStoreOverHttp(store, { dataDir, logger });
  const address = inject('temporalAddress');
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace });

  let requestStop!: () => void;
  const stopSignal = new Promise<void>((resolve) => (requestStop = resolve));
  let ready!: () => void;
  const readyPromise = new Promise<void>((resolve) => (ready = resolve));
  const running = runWorkers({
    temporal: { address, namespace },
    config,
    store,
    env,
    logger,
    stopSignal,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    ingestRetry: options.ingestRetry,
    onReady: () => ready(),
  });
  await Promise.race([readyPromise, running]);

  return {
    store,
    client,
    namespace,
    dataDir,
    async rows<T>(sql: string, params: Record<string, unknown> = {}) {
      return queryObjects<T>(store, sql, params);
    },
    async stop() {
      requestStop();
      await running;
      await connection.close();
      await endpoint.close();
      await store.close();
      if (!reuseDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
