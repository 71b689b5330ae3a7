/**
 * Re-scores stored mentions whose `scorer_version` differs from the current scorer, in batches keyed
 * by position so it resumes where it stopped; aggregates move exactly because the store records the
 * previous state of every updated row. Progress via the `rescoreProgress` query.
 */
import { continueAsNew, defineQuery, proxyActivities, setHandler } from '@temporalio/workflow';
import type { RescoreActivities } from '../activities/rescore.js';
import { RESCORE_BATCH_SIZE } from '../core/temporal-names.js';

/** Input of `rescoreWorkflow`. */
export interface RescoreInput {
  scorerVersion: string;
  batchSize?: number;
  carried?: { after?: string; rescored: number; total: number };
}

/** What the `rescoreProgress` query returns. */
export interface RescoreProgress {
  scorerVersion: string;
  rescored: number;
  /** Mentions with another scorer version when the rescoring started. */
  total: number;
  done: boolean;
}

/** Query for the progress bar of `earshot rescore`. */
export const rescoreProgressQuery = defineQuery<RescoreProgress>('rescoreProgress');

const { rescoreBatch, countStaleMentions } = proxyActivities<RescoreActivities>({
  startToCloseTimeout: '10m',
  heartbeatTimeout: '2m',
  retry: { initialInterval: '2s', maximumInterval: '2m', maximumAttempts: 20 },
});

const BATCHES_PER_EXECUTION = 200;

/** Rescores every stale mention; returns how many were rescored. */
export async function rescoreWorkflow(input: RescoreInput): Promise<number> {
  const batchSize = input.batchSize ?? RESCORE_BATCH_SIZE;
  let after = input.carried?.after;
  let rescored = input.carried?.rescored ?? 0;
  const total = input.carried?.total ?? (await countStaleMentions(input.scorerVersion));
  let done = false;
  setHandler(rescoreProgressQuery, () => ({ scorerVersion: input.scorerVersion, rescored, total, done }));

  for (let batch = 0; batch < BATCHES_PER_EXECUTION; batch++) {
    const result = await rescoreBatch({ scorerVersion: input.scorerVersion, after, batchSize });
    rescored += result.rescored;
    after = result.next;
    if (result.next === undefined) {
      done = true;
      return rescored;
    }
  }
  return await continueAsNew<typeof rescoreWorkflow>({ ...input, carried: { after, rescored, total } });
}
