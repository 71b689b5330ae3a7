/** Bundles the workflow code once (webpack via the Temporal SDK); reused by every worker in the process. */
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';

/** Absolute path of `workflows/index.ts`, the module every worker registers. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Bundles `workflows/` for `Worker.create({ workflowBundle })`. Takes a few seconds. */
export async function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  // Webpack's build statistics are noise for users; warnings and errors still show.
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
}
