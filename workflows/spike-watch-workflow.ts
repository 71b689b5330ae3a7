/**
 * The spike-watch workflow, started by its Temporal Schedule every `alerts.interval` (1 minute by default):
 * one watch run (detect, record alerts and queue their deliveries; activities/alerts.ts), then one delivery
 * activity per due message, each retried with the same idempotency key. A channel still failing after its
 * retries (or a worker lost mid-send) leaves its deliveries `failed` / `pending` in storage: the next runs retry them (with backoff) and `earshot
 * status` / `earshot alerts list` show what to fix. The workflow itself never fails because a channel does.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { AlertActivities } from '../activities/alerts.js';

/** Input of `spikeWatchWorkflow` (nothing yet: the worker's config says what to watch). */
export type SpikeWatchInput = Record<string, never>;

/** What one run did. */
export interface SpikeWatchResult {
  opened: number;
  resolved: number;
  history: number;
  messages: number;
  failedMessages: number;
}

const { watchAlerts, dueDeliveries } = proxyActivities<AlertActivities>({
  startToCloseTimeout: '5m',
  heartbeatTimeout: '2m',
  retry: { initialInterval: '2s', maximumInterval: '30s', maximumAttempts: 5 },
});

const { deliverAlerts } = proxyActivities<AlertActivities>({
  startToCloseTimeout: '45s',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '20s', maximumAttempts: 3 },
});

/** One watch run and the deliveries it makes due. */
export async function spikeWatchWorkflow(_input: SpikeWatchInput = {}): Promise<SpikeWatchResult> {
  const watched = await watchAlerts();
  const plans = await dueDeliveries();
  const outcomes = await Promise.allSettled(plans.map((plan) => deliverAlerts(plan)));
  const failedMessages = outcomes.filter((o) => o.status === 'rejected').length;
  return {
    opened: watched.opened,
    resolved: watched.resolved,
    history: watched.history,
    messages: plans.length - failedMessages,
    failedMessages,
  };
}
