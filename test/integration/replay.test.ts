/**
 * Replays recorded workflow histories against the current workflow code: a change that would break
 * running workflows (non-determinism) fails here. The histories are real runs against the dev server
 * (scheduled ingest, `earshot backfill`, the rescoring a new scorer version starts); refresh them after
 * an intentional, versioned change with `EARSHOT_RECORD_HISTORY=1 npx vitest run --project integration
 * test/integration/scheduled-ingest.test.ts test/integration/rescore-backfill.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';

interface JsonHistory {
  events: Array<Record<string, unknown>>;
}

const recorded = (name: string): JsonHistory =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/histories/${name}.json`, import.meta.url), 'utf8'),
  ) as JsonHistory;

const replay = (history: JsonHistory): Promise<void> =>
  Worker.runReplayHistory(
    { workflowBundle: { codePath: inject('workflowBundlePath') } },
    historyFromJSON(history),
  );

/** Recorded histories and the workflow each one ran. */
const HISTORIES = [
  ['a recorded scheduled ingest', 'ingest-workflow', 'ingestWorkflow'],
  ['a recorded backfill', 'backfill-workflow', 'backfillWorkflow'],
  ['a recorded rescoring', 'rescore-workflow', 'rescoreWorkflow'],
] as const;

describe.each(HISTORIES)('workflow replay of %s', (_what, name, workflowType) => {
  it('replays without non-determinism', async () => {
    const history = recorded(name);
    const started = history.events[0]?.workflowExecutionStartedEventAttributes as
      { workflowType: { name: string } } | undefined;
    expect(started?.workflowType.name).toBe(workflowType);
    expect(history.events.length).toBeGreaterThan(5);
    await replay(history);
  });

  it('detects non-determinism when the recorded history does not match the code', async () => {
    // Pretend the recorded run scheduled a different activity first: the code must refuse to replay it.
    const tampered = structuredClone(recorded(name));
    const scheduled = tampered.events.find((e) => e.activityTaskScheduledEventAttributes) as
      { activityTaskScheduledEventAttributes: { activityType: { name: string } } } | undefined;
    expect(scheduled).toBeDefined();
    scheduled!.activityTaskScheduledEventAttributes.activityType.name = 'someOtherActivity';
    await expect(replay(tampered)).rejects.toThrow(/nondetermin/i);
  });
});
