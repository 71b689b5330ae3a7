/**
 * Finds the Temporal service CLI commands should talk to: TEMPORAL_ADDRESS (production), else the dev
 * server of an `earshot up` running on the same data dir (it records its address in `up.json`).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Client,
  Connection,
  WorkflowIdConflictPolicy,
  type Workflow,
  type WorkflowHandle,
} from '@temporalio/client';
import { ConfigError } from '../core/errors.js';
import { isProcessAlive } from '../platform/process.js';
import { INGEST_TASK_QUEUE } from '../core/temporal-names.js';
import { temporalSettingsFromEnv, type TemporalSettings } from '../worker/temporal-connection.js';

/** File in the data dir where `earshot up` records its Temporal address while it runs. */
export const UP_STATE_FILE = 'up.json';

/** Records the running `up` process's Temporal address; returns a function that removes the record. */
export function recordUpState(
  dataDir: string,
  state: { address: string; namespace: string; uiUrl?: string },
): () => void {
  const file = join(dataDir, UP_STATE_FILE);
  writeFileSync(file, JSON.stringify({ ...state, pid: process.pid }, null, 2));
  return () => rmSync(file, { force: true });
}

/**
 * Temporal settings for a CLI command.
 * @throws ConfigError when neither TEMPORAL_ADDRESS is set nor `earshot up` is running on `dataDir`.
 */
export function runningTemporal(dataDir: string, env: NodeJS.ProcessEnv): TemporalSettings {
  if (env.TEMPORAL_ADDRESS) return temporalSettingsFromEnv(env);
  const file = join(dataDir, UP_STATE_FILE);
  if (existsSync(file)) {
    const state = JSON.parse(readFileSync(file, 'utf8')) as {
      address: string;
      namespace: string;
      pid: number;
    };
    if (isProcessAlive(state.pid)) return { address: state.address, namespace: state.namespace };
  }
  throw new ConfigError(
    `Temporal is not running for ${dataDir}: start "earshot up" in another terminal, or set TEMPORAL_ADDRESS (and TEMPORAL_NAMESPACE) to your cluster`,
  );
}

/** A workflow to start or attach to: its function (import it from workflows/), business id and arguments. */
export interface WorkflowStart<W extends Workflow> {
  workflow: W;
  id: string;
  args: Parameters<W>;
}

/**
 * Starts a workflow on the worker of the running `earshot up` (or TEMPORAL_ADDRESS), or attaches to it
 * when one with the same id already runs, passes its handle to `use`, then closes the connection.
 * @throws ConfigError when no Temporal can be found (see `runningTemporal`).
 */
export async function withWorkflow<W extends Workflow, T>(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  start: WorkflowStart<W>,
  use: (handle: WorkflowHandle<W>) => Promise<T>,
): Promise<T> {
  const temporal = runningTemporal(dataDir, env);
  const connection = await Connection.connect({
    address: temporal.address,
    apiKey: temporal.apiKey,
    tls: temporal.tls,
  });
  try {
    const client = new Client({ connection, namespace: temporal.namespace });
    // `WorkflowStart<W>` has checked `args` against the workflow's parameters; the SDK's options type is
    // conditional on them, which TypeScript cannot resolve for a generic `W`, so start it as any workflow.
    const handle = await client.workflow.start<Workflow>(start.workflow, {
      taskQueue: INGEST_TASK_QUEUE,
      workflowId: start.id,
      args: start.args,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    });
    return await use(handle as WorkflowHandle<W>);
  } finally {
    await connection.close();
  }
}
