/**
 * Shows a long-running workflow's progress in the terminal: polls a workflow query every half second
 * into a progress bar until the workflow finishes, and returns its result. Ctrl-C only detaches.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { Presets, SingleBar } from 'cli-progress';

/** What a progress query must return: a fraction and the values the bar's `format` shows. */
export interface ProgressSnapshot {
  fraction: number;
  values: Record<string, string | number>;
}

/**
 * Follows `handle` until it completes.
 * @param format cli-progress format, e.g. `' {bar} {percentage}% | pages {pages}'`.
 * @param read maps the query result to a fraction (0..1) and the format's values.
 */
export async function followWorkflow<R, Q>(
  handle: WorkflowHandle,
  queryName: string,
  format: string,
  read: (progress: Q) => ProgressSnapshot,
): Promise<R> {
  const bar = new SingleBar(
    { format, hideCursor: true, noTTYOutput: true, notTTYSchedule: 5_000 },
    Presets.shades_classic,
  );
  let started = false;
  const result = handle.result() as Promise<R>;
  let finished = false;
  result.then(
    () => (finished = true),
    () => (finished = true),
  );
  try {
    while (!finished) {
      try {
        const snapshot = read(await handle.query<Q>(queryName));
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
