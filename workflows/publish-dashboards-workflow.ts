/**
 * Publishes the dashboards of the worker's config to Grafana once per config (the worker starts it with
 * an id naming a hash of what is published). Grafana down, 5xx or 429 retry with backoff; a rejected token
 * or request fails at once, its message naming the fix.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { DashboardActivities, DashboardPublishSummary } from '../activities/dashboards.js';

const { publishDashboards } = proxyActivities<DashboardActivities>({
  // Six dashboards, a few requests each, 20 s per request at worst.
  startToCloseTimeout: '10m',
  retry: {
    initialInterval: '5s',
    backoffCoefficient: 2,
    maximumInterval: '5m',
    maximumAttempts: 10,
    // Already non-retryable by name (core/errors.ts); listed so the policy reads whole.
    nonRetryableErrorTypes: ['ConfigError', 'GrafanaAuthError', 'GrafanaRejectedError'],
  },
});

/** Publishes the dashboards; returns what was created, updated or left unchanged. */
export async function publishDashboardsWorkflow(): Promise<DashboardPublishSummary> {
  return publishDashboards();
}
