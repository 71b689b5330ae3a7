/**
 * Replays recorded workflow histories against the current workflow code: a change that would break
 * running workflows (non-determinism) fails here. Refresh the recording after an intentional,
 * versioned change with `EARSHOT_RECORD_HISTORY=1 npx vitest run test/integration/scheduled-ingest.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';

const recorded = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/histories/${name}.json`, import.meta.url), 'utf8'));

describe('workflow replay', () => {
  it('replays a recorded scheduled ingest without non-determinism', async () => {
    const history = historyFromJSON(recorded('ingest-workflow'));
    expect(history.events?.length).toBeGreaterThan(5);
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history);
  });

  it('detects non-determinism when the recorded history does not match the code', async () => {
    const json = recorded('ingest-workflow') as { events: Array<Record<string, unknown>> };
    // Pretend the recorded run scheduled a different activity first: the code must refuse to replay it.
    const tampered = structuredClone(json);
    const scheduled = tampered.events.find((e) => e.activityTaskScheduledEventAttributes) as
      { activityTaskScheduledEventAttributes: { activityType: { name: string } } } | undefined;
    expect(scheduled).toBeDefined();
    scheduled!.activityTaskScheduledEventAttributes.activityType.name = 'someOtherActivity';
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { codePath: inject('workflowBundlePath') } },
        historyFromJSON(tampered),
      ),
    ).rejects.toThrow(/nondetermin/i);
  });
});
