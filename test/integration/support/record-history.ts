/**
 * Records workflow histories for test/integration/replay.test.ts. Off by default: with
 * `EARSHOT_RECORD_HISTORY=1`, the tests that run the real workflows (scheduled-ingest, rescore-backfill)
 * write the history of a finished run to test/fixtures/histories/<name>.json. Refresh only after an
 * intentional, versioned workflow change (`patched()`): replay exists to catch unintended ones.
 */
import { writeFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';

/** True when this run should (re)write the recorded histories. */
export const recordingHistories = (): boolean => process.env.EARSHOT_RECORD_HISTORY === '1';

/** Writes the history of run `runId` (latest when absent) of `workflowId` as fixture `name`, when recording. */
export async function recordHistory(
  client: Client,
  name: string,
  workflowId: string,
  runId?: string,
): Promise<void> {
  if (!recordingHistories()) return;
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  writeFileSync(
    new URL(`../../fixtures/histories/${name}.json`, import.meta.url),
    `${historyToJSON(history)}\n`,
  );
}
