/**
 * Runs a long workflow from the terminal: starts it on the running worker (or re-attaches to it), then
 * polls its progress query every half second into a progress bar until it finishes. Ctrl-C only
 * detaches. The query and its result type are the workflow's own (`defineQuery` in workflows/).
 */
import type { QueryDefinition, Workflow, WorkflowHandle, WorkflowResultType } from '@temporalio/client';
import { Presets, SingleBar } from 'cli-progress';
import { resolveDataDir } from './data-dir.js';
import { withWorkflow, type WorkflowStart } from './running-temporal.js';

/** What the bar shows for one progress value: a fraction and the values the bar's `format` names. */
export interface ProgressSnapshot {
  fraction: number;
  values: Record<string, string | number>;
}

/** How to show a workflow's progress: its query, a cli-progress format, and how to read the result. */
export interface ProgressView<P> {
  query: QueryDefinition<P, []>;
  /** cli-progress format, e.g. `' {bar} {percentage}% | pages {pages}'`. */
  format: string;
  read: (progress: P) => ProgressSnapshot;
}

/** Follows `handle` until it completes, showing `view`; returns the workflow's result. */
export async function followWorkflow<W extends Workflow, P>(
  handle: WorkflowHandle<W>,
  view: ProgressView<P>,
): Promise<WorkflowResultType<W>> {
  const bar = new SingleBar(
    { format: view.format, hideCursor: true, noTTYOutput: true, notTTYSchedule: 5_000 },
    Presets.shades_classic,
  );
  let started = false;
  const result = handle.result();
  let finished = false;
  result.then(
    () => (finished = true),
    () => (finished = true),
  );
  try {
    while (!finished) {
      try {
        const snapshot = view.read(await handle.query(view.query));
        const value = Math.round(snapshot.fraction * 100);
        if (!started) bar.start(100, value, snapshot.values);
        else bar.update(value, snapshot.values);
        started = true;
      } catch {
        // The query fails briefly while the workflow continues as new; the next poll succeeds.
      }
      await Promise.race([result.catch(() => undefined), new Promise((r) => setTimeout(r, 500))]);
    }
    const value = await result;
    if (started) bar.update(100);
    return value;
  } finally {
    if (started) bar.stop();
  }
}

/** Options for `runWorkflowCommand`. */
export interface WorkflowCommandOptions<W extends Workflow, P> {
  /** `--data-dir` of the command (the running `earshot up`'s). */
  dataDir?: string;
  /** `--detach`: start it and return without waiting. */
  detach?: boolean;
  start: WorkflowStart<W>;
  /** The line printed (to stderr) once it runs, e.g. its id and how to re-attach. */
  started: (handle: WorkflowHandle<W>) => string;
  progress: ProgressView<P>;
  /** The line printed (to stdout) with its result. */
  done: (result: WorkflowResultType<W>) => string;
}

/** Starts or re-attaches to a workflow, then (unless detached) shows its progress and prints its result. */
export async function runWorkflowCommand<W extends Workflow, P>(
  options: WorkflowCommandOptions<W, P>,
): Promise<void> {
  const dataDir = resolveDataDir(options.dataDir, process.env);
  await withWorkflow(dataDir, process.env, options.start, async (handle) => {
    console.error(options.started(handle));
    if (options.detach) return;
    console.log(options.done(await followWorkflow(handle, options.progress)));
  });
}
