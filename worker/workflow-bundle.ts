/** Bundles the workflow code once (webpack via the Temporal SDK); reused by every worker in the process. */
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';

/** Absolute path of `workflows/index.ts`, the module every worker registers. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Bundles `workflows/` for `Worker.create({ workflowBundle })`. Takes a few seconds. */
export async function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: undefined });
}
