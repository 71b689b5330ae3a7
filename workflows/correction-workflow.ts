/**
 * Records one user correction on the worker that owns the store (`earshot label` while `earshot up` runs),
 * then starts the rescoring of the new scorer version (the correction taught the engine), abandoned so it
 * outlives this short workflow.
 */
import { ParentClosePolicy, WorkflowIdReusePolicy, proxyActivities, startChild } from '@temporalio/workflow';
import type { CorrectionInput } from '../core/correction.js';
import { rescoreWorkflowId } from '../core/temporal-names.js';
import type { CorrectionActivities, RecordCorrectionResult } from '../activities/corrections.js';
import { rescoreWorkflow } from './rescore-workflow.js';

const { recordCorrection } = proxyActivities<CorrectionActivities>({
  startToCloseTimeout: '1m',
  // A wrong key or label is the user's to fix: retrying cannot help.
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['CorrectionTargetError'] },
});

/** Records the correction; returns old → new label and the scorer version rescoring now moves to. */
export async function correctionWorkflow(input: CorrectionInput): Promise<RecordCorrectionResult> {
  const result = await recordCorrection(input);
  try {
    await startChild(rescoreWorkflow, {
      workflowId: rescoreWorkflowId(result.scorerVersion),
      args: [{ scorerVersion: result.scorerVersion }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    });
  } catch {
    // Already rescoring to this version (a second correction of the same state): nothing to start.
  }
  return result;
}
