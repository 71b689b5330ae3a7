/**
 * Polls one configured source until it is caught up: fetch → score → store → save cursor, one activity
 * per page (so the cursor moves only after its page is stored), then records an `ingest_runs` row.
 * Started by the source's schedule; continues-as-new on long runs to keep history small.
 */
import {
  ApplicationFailure,
  continueAsNew,
  proxyActivities,
  workflowInfo,
  type RetryPolicy,
} from '@temporalio/workflow';
import type { IngestActivities } from '../activities/ingest.js';
import type { IngestCounts } from '../activities/types.js';
import { NON_RETRYABLE_ERROR_NAMES } from '../core/errors.js';
import { sourceTaskQueue } from '../core/temporal-names.js';
import { addCounts, ZERO_COUNTS } from './counts.js';
import { describeFailure } from './failure.js';

/**
 * Backoff of the page activity: a few quick retries (2 + 4 + 8 + 16 s), then the poll fails and shows in
 * `earshot status`; the next scheduled poll tries again from the same cursor. Rate limits wait what the
 * source asked instead.
 */
export const INGEST_PAGE_RETRY = {
  initialInterval: '2s',
  backoffCoefficient: 2,
  maximumInterval: '1m',
  maximumAttempts: 5,
} as const satisfies RetryPolicy;

/** Fields of `INGEST_PAGE_RETRY` a caller may override; which errors are fatal is not one of them. */
export type IngestRetryOverrides = Pick<
  RetryPolicy,
  'initialInterval' | 'backoffCoefficient' | 'maximumInterval' | 'maximumAttempts'
>;

/** Input of `ingestWorkflow`. */
export interface IngestInput {
  sourceId: string;
  /** Overrides of the page activity's backoff (tests use a short one); unset in production. */
  pageRetry?: IngestRetryOverrides;
  /** Carried across continue-as-new: totals and start time of the whole poll. */
  carried?: { totals: IngestCounts; startedAt: number; runId: string };
}

/** Pages fetched in one workflow execution before continuing as new. */
export const PAGES_PER_EXECUTION = 100;
/** Hard cap on pages in one poll, so a misbehaving source can never run forever. */
export const MAX_PAGES_PER_POLL = 2_000;

const { recordIngestRun } = proxyActivities<IngestActivities>({
  startToCloseTimeout: '1m',
  retry: { initialInterval: '1s', maximumInterval: '30s', maximumAttempts: 10 },
});

/** Polls `input.sourceId` to the present and returns the totals. */
export async function ingestWorkflow(input: IngestInput): Promise<IngestCounts> {
  const info = workflowInfo();
  const { ingestPage } = proxyActivities<IngestActivities>({
    taskQueue: sourceTaskQueue(input.sourceId),
    startToCloseTimeout: '5m',
    heartbeatTimeout: '30s',
    retry: {
      ...INGEST_PAGE_RETRY,
      ...input.pageRetry,
      nonRetryableErrorTypes: [...NON_RETRYABLE_ERROR_NAMES],
    },
  });
  const startedAt = input.carried?.startedAt ?? Date.now();
  const runId = input.carried?.runId ?? info.firstExecutionRunId;
  let totals = input.carried?.totals ?? ZERO_COUNTS;
  const record = { runId, workflowId: info.workflowId, sourceId: input.sourceId, startedAt };

  let continueAfter = false;
  try {
    for (let pageInExecution = 0; ; pageInExecution++) {
      const page = await ingestPage({ sourceId: input.sourceId, workflowId: info.workflowId });
      totals = addCounts(totals, page);
      if (page.caughtUp || totals.pages >= MAX_PAGES_PER_POLL) break;
      if (pageInExecution + 1 >= PAGES_PER_EXECUTION || workflowInfo().continueAsNewSuggested) {
        continueAfter = true;
        break;
      }
    }
  } catch (error) {
    const { type, message } = describeFailure(error);
    await recordIngestRun({
      ...record,
      ...totals,
      finishedAt: Date.now(),
      status: 'failed',
      errorType: type,
      errorMessage: message,
    });
    throw ApplicationFailure.nonRetryable(`Ingest of source "${input.sourceId}" failed: ${message}`, type);
  }
  if (continueAfter) {
    return await continueAsNew<typeof ingestWorkflow>({
      sourceId: input.sourceId,
      ...(input.pageRetry ? { pageRetry: input.pageRetry } : {}),
      carried: { totals, startedAt, runId },
    });
  }
  await recordIngestRun({ ...record, ...totals, finishedAt: Date.now(), status: 'ok' });
  return totals;
}
