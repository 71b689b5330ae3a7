/**
 * Alerts in the composition root: the config's `alerts:` section → the watch settings (brands with their
 * sensitivity and sources, routes, notifiers with their secrets from the environment) and the store port of
 * the alert activities; and the spike-watch Temporal Schedule, reconciled with the config like the ingest
 * schedules.
 */
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
} from '@temporalio/client';
import type { AlertDeps, AlertStorePort, AlertWatchSettings } from '../activities/alerts.js';
import { alertChannels, durationMs, type EarshotConfig } from '../core/config/index.js';
import type { Logger } from '../core/logger.js';
import {
  INGEST_TASK_QUEUE,
  SPIKE_WATCH_SCHEDULE_ID,
  SPIKE_WATCH_WORKFLOW_ID,
} from '../core/temporal-names.js';
import { createNotifiers } from '../alerts/notify/index.js';
import type { WatchBrand } from '../alerts/watch/plan.js';
import {
  addPendingDeliveries,
  dueDeliveriesQuery,
  listAlerts,
  loadWatchStates,
  recordAlerts,
  recordDeliveries,
  saveWatchStates,
  watchStateVersions,
} from '../storage/alerts.js';
import type { Store } from '../storage/client.js';
import { topNegativeMentions } from '../storage/evidence.js';
import { aspectBucketsQuery, sourceBucketsQuery } from '../storage/five-minute-series.js';
import { runReadQuery } from '../storage/read-query.js';
import { spikeWatchWorkflow } from '../workflows/index.js';

/** The brands the watch looks at, with their detector settings and the sources that search for them. */
export function watchBrands(config: EarshotConfig): WatchBrand[] {
  const { alerts } = config;
  return config.brands.map((brand) => {
    const own = alerts.brands[brand.key];
    return {
      key: brand.key,
      name: brand.name,
      sensitivity: own?.sensitivity ?? alerts.sensitivity,
      ...(own?.params ? { params: own.params } : {}),
      timeZone: own?.timeZone ?? alerts.timeZone,
      sources: config.sources
        .filter((s) => s.enabled && s.brands.includes(brand.key))
        .map((s) => ({ id: s.id, type: s.type })),
    };
  });
}

/** The watch settings of `config`, notifiers reading their secrets from `env`. */
export function alertWatchSettings(
  config: EarshotConfig,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): AlertWatchSettings {
  return {
    brands: watchBrands(config),
    settleMs: durationMs(config.alerts.settle),
    warmupMs: durationMs(config.alerts.warmup),
    routes: config.alerts.routes,
    notifiers: createNotifiers(alertChannels(config.alerts), env, logger.child({ component: 'alerts' })),
  };
}

/** The alert activities' store port over `store`. */
export function alertStorePort(store: Store): AlertStorePort {
  return {
    sourceBuckets: (range) => runReadQuery(store, sourceBucketsQuery(range)),
    aspectBuckets: (range) => runReadQuery(store, aspectBucketsQuery(range)),
    topNegativeMentions: (options) => topNegativeMentions(store, options),
    loadWatchStates: (brands) => loadWatchStates(store, brands),
    watchStateVersions: (brands) => watchStateVersions(store, brands),
    saveWatchStates: (rows) => saveWatchStates(store, rows),
    listAlerts: (ids) => listAlerts(store, { ids, limit: Math.max(1, ids.length) }),
    recordAlerts: (alerts) => recordAlerts(store, alerts),
    addPendingDeliveries: (rows) => addPendingDeliveries(store, rows),
    recordDeliveries: (rows) => recordDeliveries(store, rows),
    dueDeliveries: (now) => runReadQuery(store, dueDeliveriesQuery(now)),
  };
}

/** Everything the alert activities need. */
export function composeAlertDeps(
  config: EarshotConfig,
  env: NodeJS.ProcessEnv,
  store: Store,
  logger: Logger,
  now: () => number,
): Omit<AlertDeps, 'now'> & { now: () => number } {
  return {
    alertStore: alertStorePort(store),
    alertSettings: alertWatchSettings(config, env, logger),
    now,
    logger,
  };
}

/**
 * Creates (or updates) the spike-watch schedule when alerts are enabled, deletes it when they are not. The
 * first run is triggered at once, so the detectors start learning without waiting an interval.
 */
export async function reconcileSpikeWatchSchedule(
  client: Client,
  config: EarshotConfig,
  logger: Logger,
  options: { triggerNew?: boolean } = {},
): Promise<'created' | 'updated' | 'deleted' | 'none'> {
  if (!config.alerts.enabled) {
    try {
      await client.schedule.getHandle(SPIKE_WATCH_SCHEDULE_ID).delete();
      logger.info({}, 'alerts disabled: spike-watch schedule deleted');
      return 'deleted';
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) return 'none';
      throw error;
    }
  }
  const every = durationMs(config.alerts.interval);
  const options_ = {
    scheduleId: SPIKE_WATCH_SCHEDULE_ID,
    spec: { intervals: [{ every }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: spikeWatchWorkflow,
      taskQueue: INGEST_TASK_QUEUE,
      workflowId: SPIKE_WATCH_WORKFLOW_ID,
      args: [{}] as [Record<string, never>],
    },
    policies: {
      // One run at a time (the watch state is read-modify-write); a run missed during downtime runs once.
      overlap: ScheduleOverlapPolicy.SKIP,
      catchupWindow: Math.max(10_000, every),
      pauseOnFailure: false,
    },
  };
  try {
    const handle = await client.schedule.create(options_);
    if (options.triggerNew ?? true) await handle.trigger(ScheduleOverlapPolicy.SKIP);
    logger.info({ every: config.alerts.interval }, 'spike-watch schedule created');
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(SPIKE_WATCH_SCHEDULE_ID).update((previous) => ({
      ...previous,
      spec: options_.spec,
      action: options_.action,
      policies: options_.policies,
    }));
    return 'updated';
  }
}
