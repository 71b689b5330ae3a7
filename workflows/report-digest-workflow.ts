/**
 * A report digest, started by its Temporal Schedule (worker/reports.ts): the period is the `periodMs` ending at
 * the run's start rounded down to the hour (workflow time, so replay-safe), and one `sendDigest` activity per
 * brand e-mails that brand's report. A re-run within the same hour reports the same period with the same
 * Message-ID. A brand whose mail fails does not stop the others; the workflow fails afterwards, naming it.
 */
import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { DigestActivities } from '../activities/reports.js';

/** Input of `reportDigestWorkflow` (set by the schedule from `reports.digests`). */
export interface ReportDigestInput {
  digestId: string;
  brands: string[];
  periodMs: number;
  /** End of the period (epoch ms); default: the run's start rounded down to the hour. */
  endMs?: number;
}

export interface ReportDigestResult {
  fromMs: number;
  toMs: number;
  sent: Array<{ brand: string; messageId: string; pdf: boolean }>;
}

const HOUR = 3_600_000;

const { sendDigest } = proxyActivities<DigestActivities>({
  startToCloseTimeout: '5m',
  retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 6 },
});

export async function reportDigestWorkflow(input: ReportDigestInput): Promise<ReportDigestResult> {
  const toMs = input.endMs ?? Math.floor(Date.now() / HOUR) * HOUR;
  const fromMs = toMs - input.periodMs;
  const outcomes = await Promise.allSettled(
    input.brands.map((brand) => sendDigest({ digestId: input.digestId, brand, fromMs, toMs })),
  );
  const failed = input.brands.filter((_, i) => outcomes[i]!.status === 'rejected');
  if (failed.length) {
    const first = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    // An ActivityFailure wraps the activity's own error, whose message says what to fix.
    const reason = first.reason as { message?: string; cause?: { message?: string } };
    throw ApplicationFailure.nonRetryable(
      `Digest ${input.digestId} not sent for ${failed.join(', ')}: ${reason.cause?.message ?? reason.message}`,
      'DigestFailed',
    );
  }
  return {
    fromMs,
    toMs,
    sent: outcomes.map((o, i) => ({
      brand: input.brands[i]!,
      ...(o as PromiseFulfilledResult<{ messageId: string; pdf: boolean }>).value,
    })),
  };
}
