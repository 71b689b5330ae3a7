/**
 * Walks a source's history over a date range, page by page, through the same idempotent store as
 * scheduled ingest (so it never duplicates what ingest stored). Its own cursor is kept apart from the
 * schedule's. Progress is exposed by the `backfillProgress` query; a worker restart resumes from the
 * last stored page because the workflow and its cursor are durable.
 */
import {
  ApplicationFailure,
  continueAsNew,
  defineQuery,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { BackfillActivities } from '../activities/backfill.js';
import type { IngestCounts } from '../activities/types.js';
import { NON_RETRYABLE_ERROR_NAMES } from '../core/errors.js';
import { sourceTaskQueue } from '../core/temporal-names.js';
import { addCounts, ZERO_COUNTS } from './counts.js';
import { describeFailure } from './failure.js';

/** Input of `backfillWorkflow`; `from`/`to` are epoch ms, `to` exclusive. */
export interface BackfillInput {
  sourceId: string;
  from: number;
  to: number;
  carried?: { totals: IngestCounts; oldestSeen?: number; newestSeen?: number };
}

/** What the `backfillProgress` query returns. */
export interface BackfillProgress extends IngestCounts {
  sourceId: string;
  from: number;
  to: number;
  /** Share of the range covered so far, 0..1. */
  fraction: number;
  done: boolean;
  error?: string;
}

/** Query for the progress bar of `earshot backfill`. */
export const backfillProgressQuery = defineQuery<BackfillProgress>('backfillProgress');

const PAGES_PER_EXECUTION = 100;

/** Backfills `input.sourceId` over `[from, to)`; returns the totals. */
export async function backfillWorkflow(input: BackfillInput): Promise<IngestCounts> {
  const { backfillPage } = proxyActivities<BackfillActivities>({
    taskQueue: sourceTaskQueue(input.sourceId),
    startToCloseTimeout: '5m',
    heartbeatTimeout: '30s',
    retry: {
      initialInterval: '2s',
      maximumInterval: '5m',
      maximumAttempts: 20,
      nonRetryableErrorTypes: [...NON_RETRYABLE_ERROR_NAMES],
    },
  });
  let totals = input.carried?.totals ?? ZERO_COUNTS;
  let oldestSeen = input.carried?.oldestSeen;
  let newestSeen = input.carried?.newestSeen;
  let done = false;
  let error: string | undefined;
  const span = Math.max(1, input.to - input.from);
  const fraction = (): number => {
    if (done) return 1;
    const back = oldestSeen === undefined ? 0 : (input.to - Math.max(oldestSeen, input.from)) / span;
    const forward = newestSeen === undefined ? 0 : (Math.min(newestSeen, input.to) - input.from) / span;
    return Math.min(0.999, Math.max(0, back, forward));
  };
  setHandler(backfillProgressQuery, () => ({
    ...totals,
    sourceId: input.sourceId,
    from: input.from,
    to: input.to,
    fraction: fraction(),
    done,
    error,
  }));

  for (let page = 0; page < PAGES_PER_EXECUTION; page++) {
    try {
      const result = await backfillPage({
        sourceId: input.sourceId,
        workflowId: workflowInfo().workflowId,
        from: input.from,
        to: input.to,
      });
      totals = addCounts(totals, result);
      if (result.oldest !== undefined) oldestSeen = Math.min(oldestSeen ?? Infinity, result.oldest);
      if (result.newest !== undefined) newestSeen = Math.max(newestSeen ?? -Infinity, result.newest);
      if (result.caughtUp) {
        done = true;
        return totals;
      }
    } catch (failure) {
      const { type, message } = describeFailure(failure);
      error = message;
      throw ApplicationFailure.nonRetryable(`Backfill of "${input.sourceId}" failed: ${message}`, type);
    }
  }
  return await continueAsNew<typeof backfillWorkflow>({
    ...input,
    carried: { totals, oldestSeen, newestSeen },
  });
}
