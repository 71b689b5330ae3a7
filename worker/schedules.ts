/**
 * Reconciles Temporal schedules with the config: one schedule per enabled source (create, or update
 * when it exists), and deletes Earshot-owned schedules whose source was removed or disabled.
 */
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptions,
  type ScheduleOptionsStartWorkflowAction,
} from '@temporalio/client';
import type { EarshotConfig, SourceConfig } from '../core/config/index.js';
import { durationMs } from '../core/config/index.js';
import type { Logger } from '../core/logger.js';
import {
  INGEST_SCHEDULE_PREFIX,
  INGEST_TASK_QUEUE,
  ingestScheduleId,
  ingestWorkflowId,
} from '../core/temporal-names.js';
import { ingestWorkflow, type IngestRetryOverrides } from '../workflows/index.js';
import { reconcileSpikeWatchSchedule } from './alerts.js';
import { reconcileDigestSchedules } from './reports.js';

/** What reconciliation did, for logs and tests. */
export interface ReconcileResult {
  created: string[];
  updated: string[];
  deleted: string[];
}

/** What reconciliation may add to the schedules' workflow input. */
export interface ScheduleInputOptions {
  /** Shorter page backoff for the started ingest workflows (tests); unset in production. */
  ingestRetry?: IngestRetryOverrides;
}

/** Schedule options for one source. */
export function scheduleOptionsFor(
  source: SourceConfig,
  options: ScheduleInputOptions = {},
): ScheduleOptions<ScheduleOptionsStartWorkflowAction<typeof ingestWorkflow>> {
  const every = durationMs(source.interval);
  return {
    scheduleId: ingestScheduleId(source.id),
    spec: { intervals: [{ every }] },
    action: {
      type: 'startWorkflow',
      workflowType: ingestWorkflow,
      taskQueue: INGEST_TASK_QUEUE,
      workflowId: ingestWorkflowId(source.id),
      args: [{ sourceId: source.id, ...(options.ingestRetry ? { pageRetry: options.ingestRetry } : {}) }],
    },
    policies: {
      // One poll at a time per source; a missed poll after downtime runs once, not once per interval.
      overlap: ScheduleOverlapPolicy.SKIP,
      catchupWindow: Math.max(10_000, every),
      pauseOnFailure: false,
    },
    memo: { sourceType: source.type },
  };
}

/** Creates, updates and deletes schedules so Temporal matches `config.sources`. */
export async function reconcileSchedules(
  client: Client,
  config: EarshotConfig,
  logger: Logger,
  options: ScheduleInputOptions & { triggerNew?: boolean } = {},
): Promise<ReconcileResult> {
  const result: ReconcileResult = { created: [], updated: [], deleted: [] };
  const wanted = new Map(config.sources.filter((s) => s.enabled).map((s) => [ingestScheduleId(s.id), s]));

  for (const [scheduleId, source] of wanted) {
    const opts = scheduleOptionsFor(source, options);
    try {
      const handle = await client.schedule.create(opts);
      // First poll now, not one interval later. Not `state.triggerImmediately`: the SDK sends that with
      // overlap ALLOW_ALL, which let the next scheduled poll run concurrently with it (seen in practice).
      if (options.triggerNew ?? true) await handle.trigger(ScheduleOverlapPolicy.SKIP);
      result.created.push(scheduleId);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(scheduleId).update((previous) => ({
        ...previous,
        spec: opts.spec,
        action: opts.action,
        policies: opts.policies,
      }));
      result.updated.push(scheduleId);
    }
  }

  for await (const schedule of client.schedule.list()) {
    if (!schedule.scheduleId.startsWith(INGEST_SCHEDULE_PREFIX) || wanted.has(schedule.scheduleId)) continue;
    try {
      await client.schedule.getHandle(schedule.scheduleId).delete();
      result.deleted.push(schedule.scheduleId);
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
  }
  await reconcileSpikeWatchSchedule(client, config, logger, { triggerNew: options.triggerNew });
  await reconcileDigestSchedules(client, config, logger);
  logger.info(result, 'schedules reconciled with config');
  return result;
}
