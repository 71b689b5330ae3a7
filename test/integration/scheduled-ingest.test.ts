/**
 * A schedule-triggered ingest of a recorded Google Alerts feed served by a local HTTP server lands
 * scored mentions and an ingest_runs row; a second poll stores no duplicates and the hourly
 * aggregates do not double-count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestScheduleId } from '../../core/temporal-names.js';
import { loadFixture, ReplayServer } from '../support/replay-server.js';
import { configFromYaml, startHarness, waitFor, type Harness } from './support/harness.js';
import { recordHistory, recordingHistories } from './support/record-history.js';

interface RunRow {
  status: string;
  pages: number;
  fetched: number;
  new: number;
  unchanged: number;
  error_message: string;
}

describe('scheduled ingest of an RSS feed', () => {
  let replay: ReplayServer;
  let h: Harness;
  const runs = (): Promise<RunRow[]> =>
    h.rows<RunRow>(
      "SELECT status, pages, fetched, new, unchanged, error_message FROM earshot.ingest_runs FINAL WHERE source_id = 'alerts' ORDER BY started_at",
    );

  beforeAll(async () => {
    replay = await ReplayServer.start();
    replay.get('/alerts/feed', loadFixture('rss', 'google_alerts_atom_slack'));
    h = await startHarness(
      import.meta.url,
      configFromYaml(`
brands:
  - key: slack
    name: Slack
    query: slack
sources:
  - id: alerts
    type: rss
    interval: 1h
    brands: [slack]
    options:
      url: ${replay.baseUrl}/alerts/feed
`),
    );
  });

  afterAll(async () => {
    await h?.stop();
    await replay?.close();
  });

  it('lands scored mentions and an ingest_runs row from the schedule', async () => {
    const description = await h.client.schedule.getHandle(ingestScheduleId('alerts')).describe();
    expect(description.action.workflowType).toBe('ingestWorkflow');

    const [first] = await waitFor('the first scheduled poll', async () => {
      const rows = await runs();
      return rows.length >= 1 && rows;
    });
    expect(first).toMatchObject({ status: 'ok', error_message: '' });
    expect(first!.new).toBeGreaterThan(0);

    const [stored] = await h.rows<{ n: number; scored: number; versions: number }>(
      `SELECT count() AS n, countIf(label IN ('negative', 'neutral', 'positive')) AS scored,
              uniqExact(scorer_version) AS versions
       FROM earshot.mentions FINAL WHERE source_id = 'alerts'`,
    );
    expect(Number(stored!.n)).toBe(first!.new);
    expect(Number(stored!.scored)).toBeGreaterThan(0);
    expect(Number(stored!.versions)).toBe(1);
    expect(replay.requestsTo('/alerts/feed').length).toBeGreaterThanOrEqual(1);
  });

  it('stores no duplicates and keeps aggregates exact when the source is polled again', async () => {
    const before = await runs();
    await h.client.schedule.getHandle(ingestScheduleId('alerts')).trigger();
    const after = await waitFor('the second poll', async () => {
      const rows = await runs();
      return rows.length > before.length && rows;
    });
    const second = after.at(-1)!;
    expect(second.status).toBe('ok');
    expect(second.new).toBe(0);

    // `EARSHOT_RECORD_HISTORY=1` refreshes the history that replay.test.ts replays.
    if (recordingHistories()) {
      let run: { workflowId: string; runId: string } | undefined;
      for await (const execution of h.client.workflow.list({ query: "WorkflowType = 'ingestWorkflow'" }))
        run ??= execution;
      await recordHistory(h.client, 'ingest-workflow', run!.workflowId, run!.runId);
    }

    const [counts] = await h.rows<{ raw: number; final: number; volume: number }>(
      `SELECT (SELECT count() FROM earshot.mentions FINAL WHERE source_id = 'alerts') AS final,
              (SELECT sum(volume) FROM earshot.mention_hourly WHERE source_id = 'alerts') AS volume,
              (SELECT count() FROM earshot.mentions WHERE source_id = 'alerts') AS raw`,
    );
    expect(Number(counts!.final)).toBe(before[0]!.new);
    expect(Number(counts!.volume)).toBe(Number(counts!.final));
    expect(Number(counts!.raw)).toBe(Number(counts!.final));
  });
});
