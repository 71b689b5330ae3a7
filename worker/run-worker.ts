/**
 * Runs Earshot's workers until asked to stop: wires config → activities → workers, reconciles the
 * schedules, starts rescoring when the scorer version changed, and shuts everything down cleanly.
 * Shared by `earshot up` (embedded) and `earshot worker` (production).
 */
import {
  Client,
  Connection,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowIdReusePolicy,
} from '@temporalio/client';
import { NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import type { EarshotConfig } from '../core/config/index.js';
import type { HealthResult } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { safeCheck } from '../platform/health.js';
import { INGEST_TASK_QUEUE, rescoreWorkflowId } from '../core/temporal-names.js';
import {
  createActivities,
  publishDashboardsWorkflowId,
  type DashboardPublishing,
} from '../activities/index.js';
import { publishDashboardsWorkflow, rescoreWorkflow, type IngestRetryOverrides } from '../workflows/index.js';
import type { Store } from '../storage/client.js';
import { composeActivityDeps } from './compose.js';
import { createWorkers } from './create-workers.js';
import { reconcileSchedules } from './schedules.js';
import type { TemporalSettings } from './temporal-connection.js';
import { bundleWorkflows } from './workflow-bundle.js';

/** Options for `runWorkers`. */
export interface RunWorkersOptions {
  temporal: TemporalSettings;
  config: EarshotConfig;
  store: Store;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Resolves when the process should stop (Ctrl-C). */
  stopSignal: Promise<unknown>;
  /** A prebuilt workflow bundle (tests); bundled at start when absent. */
  workflowBundle?: WorkflowBundleOption;
  /** Shorter page backoff for scheduled ingest (tests); unset in production, so the workflow's own applies. */
  ingestRetry?: IngestRetryOverrides;
  /**
   * Called once workers poll and schedules are reconciled; `checkTemporal` asks the Temporal frontend's
   * health service (the worker's health endpoint uses it).
   */
  onReady?: (info: {
    sources: number;
    scorerVersion: string;
    checkTemporal: () => Promise<HealthResult>;
  }) => void;
}

/** Runs until `stopSignal` resolves, then drains the workers and closes the Temporal connections. */
export async function runWorkers(options: RunWorkersOptions): Promise<void> {
  const { temporal, config, logger } = options;
  const deps = await composeActivityDeps({ config, env: options.env, store: options.store, logger });
  const activities = createActivities(deps);
  const connectionOptions = { address: temporal.address, apiKey: temporal.apiKey, tls: temporal.tls };
  const nativeConnection = await reachTemporal(temporal, () => NativeConnection.connect(connectionOptions));
  const clientConnection = await reachTemporal(temporal, () => Connection.connect(connectionOptions));
  const client = new Client({ connection: clientConnection, namespace: temporal.namespace });
  try {
    const workflowBundle = options.workflowBundle ?? (await bundleWorkflows());
    const workers = await createWorkers({
      connection: nativeConnection,
      namespace: temporal.namespace,
      config,
      activities,
      workflowBundle,
    });
    const running = workers.run();
    await reconcileSchedules(client, config, logger, { ingestRetry: options.ingestRetry });
    await startRescoringIfNeeded(client, deps.store, deps.analyzer.version, logger);
    await publishDashboardsIfChanged(client, deps.dashboards, logger);
    options.onReady?.({
      sources: config.sources.filter((s) => s.enabled).length,
      scorerVersion: deps.analyzer.version,
      checkTemporal: () =>
        safeCheck(async () => {
          const { status } = await clientConnection.healthService.check({});
          // 1 = SERVING in grpc.health.v1.HealthCheckResponse.ServingStatus.
          if (status !== 1)
            throw new Error(`Temporal at ${temporal.address} reports status ${String(status)}`);
          return `Temporal at ${temporal.address} serving`;
        }),
    });
    await Promise.race([options.stopSignal, running]);
    logger.info({}, 'shutting down workers (in-flight pages finish or are retried later)');
    workers.shutdown();
    await running;
  } finally {
    await clientConnection.close();
    await nativeConnection.close();
  }
}

/** Connects, turning the transport's error into one that names the address and what to check. */
async function reachTemporal<T>(temporal: TemporalSettings, connect: () => Promise<T>): Promise<T> {
  try {
    return await connect();
  } catch (error) {
    const text = String(error instanceof Error ? error.message : error);
    const reason = /refused/i.test(text)
      ? 'connection refused'
      : /timed? ?out|deadline/i.test(text)
        ? 'timed out'
        : text;
    throw new Error(
      `Cannot reach Temporal at ${temporal.address} (namespace ${temporal.namespace}): ${reason}. ` +
        'Check TEMPORAL_ADDRESS (and TLS / TEMPORAL_API_KEY for a cloud cluster), or run "earshot up" for the embedded server.',
      { cause: error },
    );
  }
}

async function startRescoringIfNeeded(
  client: Client,
  store: { countStaleMentions(version: string): Promise<number> },
  scorerVersion: string,
  logger: Logger,
): Promise<void> {
  const stale = await store.countStaleMentions(scorerVersion);
  if (stale === 0) return;
  try {
    await client.workflow.start(rescoreWorkflow, {
      taskQueue: INGEST_TASK_QUEUE,
      workflowId: rescoreWorkflowId(scorerVersion),
      args: [{ scorerVersion }],
    });
    logger.info(
      { stale, scorerVersion },
      'scorer version changed: rescoring stored mentions in the background',
    );
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/**
 * With `grafana.url` set, publishes the dashboards once per config: the workflow id names a hash of what is
 * published, so an unchanged config starts nothing; a failed publish (bad token) runs again at next start.
 */
async function publishDashboardsIfChanged(
  client: Client,
  publishing: DashboardPublishing | undefined,
  logger: Logger,
): Promise<void> {
  if (!publishing) return;
  const workflowId = publishDashboardsWorkflowId(publishing);
  const context = { workflowId, grafana: publishing.grafana.url };
  let handle;
  try {
    handle = await client.workflow.start(publishDashboardsWorkflow, {
      taskQueue: INGEST_TASK_QUEUE,
      workflowId,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return; // this config is (being) published
    throw error;
  }
  logger.info(context, 'dashboards config changed: publishing the dashboards to Grafana');
  // Not awaited: ingest does not wait for Grafana. The outcome is logged when the workflow closes.
  handle.result().then(
    (result) => {
      const counts: Record<string, number> = {};
      for (const d of result.dashboards) counts[d.status] = (counts[d.status] ?? 0) + 1;
      logger.info({ ...context, folder: result.folder, ...counts }, 'dashboards published to Grafana');
    },
    (error: unknown) => {
      // The worker stopped before the publish ended: it goes on in Temporal, with the next worker.
      if (!(error instanceof WorkflowFailedError)) return;
      // WorkflowFailedError → ActivityFailure → the activity's error, whose message names the fix.
      let root = error as { message?: string; cause?: unknown };
      while (root.cause && typeof root.cause === 'object') root = root.cause as typeof root;
      logger.error(
        { ...context, error: root.message ?? String(error) },
        'publishing the dashboards to Grafana failed',
      );
    },
  );
}
