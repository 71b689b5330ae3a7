/**
 * Creates the Temporal workers of one Earshot process: the main worker (workflows and bookkeeping
 * activities) and one activity-only worker per source, whose task queue starts at most the source's
 * `maxRequestsPerSecond` batches a second, whatever the number of workers; within a batch, the worker's
 * pacer of the source spaces the page requests (worker/sources.ts `createPacer`).
 */
import { Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import type { EarshotConfig } from '../core/config/index.js';
import { INGEST_TASK_QUEUE, sourceTaskQueue } from '../core/temporal-names.js';
import type { Activities } from '../activities/index.js';
import { requestsPerSecond } from './sources.js';

/** The running workers of a process. */
export interface EarshotWorkers {
  /** Resolves when every worker has stopped (after `shutdown()`); rejects if one fails. */
  run(): Promise<void>;
  shutdown(): void;
}

/** Options for `createWorkers`. */
export interface CreateWorkersOptions {
  connection: NativeConnection;
  namespace: string;
  config: EarshotConfig;
  activities: Activities;
  workflowBundle: WorkflowBundleOption;
}

/** Creates (but does not start) the workers for `config`. */
export async function createWorkers(options: CreateWorkersOptions): Promise<EarshotWorkers> {
  const { connection, namespace, activities } = options;
  const workers: Worker[] = [
    await Worker.create({
      connection,
      namespace,
      taskQueue: INGEST_TASK_QUEUE,
      workflowBundle: options.workflowBundle,
      activities,
      shutdownGraceTime: '10s',
    }),
  ];
  for (const source of options.config.sources.filter((s) => s.enabled)) {
    workers.push(
      await Worker.create({
        connection,
        namespace,
        taskQueue: sourceTaskQueue(source.id),
        activities,
        maxTaskQueueActivitiesPerSecond: requestsPerSecond(source),
        shutdownGraceTime: '10s',
      }),
    );
  }
  return {
    async run() {
      await Promise.all(workers.map((w) => w.run()));
    },
    shutdown() {
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
    },
  };
}
