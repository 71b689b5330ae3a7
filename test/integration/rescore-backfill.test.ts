/**
 * Long-running maintenance as users run it: `earshot backfill` walks a source's history through the
 * real backfill workflow (with a progress bar, without duplicating what scheduled ingest stored), and a
 * changed brand override (a new scorer version) rescored every stored mention, with the hourly
 * aggregates moving exactly; `earshot rescore` reports it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { backfillWorkflowId, rescoreWorkflowId } from '../../core/temporal-names.js';
import { createAnalyzer } from '../../sentiment/index.js';
import { runEarshot } from '../e2e/support.js';
import { configFromYaml, startHarness, waitFor, type Harness } from './support/harness.js';
import { namespaceForFile } from './support/namespace.js';
import { recordHistory } from './support/record-history.js';

const HOUR = 3_600_000;
const configYaml = (overrides: string): string => `
brands:
  - key: acme
    name: Acme
    query: acme
    sentiment: { overrides: ${overrides} }
sources:
  - id: demo-hist
    type: demo
    interval: 1h
    brands: [acme]
    maxRequestsPerSecond: 100
    options: { seed: 11, ratePerMinute: 4, backfillHours: 2, maxPerPage: 200 }
`;

describe('backfill and rescoring', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'earshot-maint-'));
  const env = {
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: namespaceForFile(import.meta.url),
  };
  let h: Harness | undefined;
  afterAll(async () => {
    await h?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const counts = async (): Promise<{
    final: number;
    raw: number;
    volume: number;
    byLabel: string;
    aggByLabel: string;
  }> => {
    const [row] = await h!.rows<{
      final: number;
      raw: number;
      volume: number;
      byLabel: string;
      aggByLabel: string;
    }>(`
      SELECT (SELECT count() FROM earshot.mentions FINAL) AS final,
             (SELECT count() FROM earshot.mentions) AS raw,
             (SELECT sum(volume) FROM earshot.mention_hourly) AS volume,
             (SELECT toJSONString(map('positive', countIf(label = 'positive'), 'neutral', countIf(label = 'neutral'),
                     'negative', countIf(label = 'negative'))) FROM earshot.mentions FINAL) AS byLabel,
             (SELECT toJSONString(map('positive', sum(positive), 'neutral', sum(neutral), 'negative', sum(negative)))
                FROM earshot.mention_hourly) AS aggByLabel`);
    return { ...row!, final: Number(row!.final), raw: Number(row!.raw), volume: Number(row!.volume) };
  };

  it('backfills history before the scheduled window with a progress bar, then adds nothing on a re-run', async () => {
    writeFileSync(join(dataDir, 'v1.yaml'), configYaml('{}'));
    h = await startHarness(import.meta.url, configFromYaml(configYaml('{}')), {}, dataDir);
    await waitFor(
      'the first scheduled poll',
      async () => (await h!.rows('SELECT 1 FROM earshot.ingest_runs FINAL')).length > 0,
    );
    const scheduled = (await counts()).final;
    expect(scheduled).toBeGreaterThan(0);

    const to = Date.now() - HOUR; // overlaps the scheduled 2-hour window by one hour
    const from = to - 6 * HOUR;
    const args = [
      'backfill',
      '--source',
      'demo-hist',
      '--from',
      new Date(from).toISOString(),
      '--to',
      new Date(to).toISOString(),
    ];
    const first = await runEarshot([...args, '--config', join(dataDir, 'v1.yaml')], {
      env,
      timeoutMs: 120_000,
    });
    expect(first.stderr).toMatch(/backfill backfill:demo-hist:.* running/);
    expect(first.code).toBe(0);
    const done = /backfill done: (\d+) pages, (\d+) fetched, (\d+) new, (\d+) already stored/.exec(
      first.stdout,
    );
    expect(done).not.toBeNull();
    const [, pages, fetched, added, already] = done!.map(Number);
    expect(pages).toBeGreaterThan(1);
    expect(added).toBeGreaterThan(0);
    expect(already).toBeGreaterThan(0); // the overlapping hour was already stored by scheduled ingest
    expect(added! + already!).toBe(fetched);
    // `EARSHOT_RECORD_HISTORY=1` refreshes the history that replay.test.ts replays (this run, not the re-run).
    await recordHistory(
      h.client,
      'backfill-workflow',
      backfillWorkflowId('demo-hist', new Date(from).toISOString(), new Date(to).toISOString()),
    );
    const after = await counts();
    expect(after.final).toBe(scheduled + added!);
    expect(after.raw).toBe(after.final);
    expect(after.volume).toBe(after.final);

    // Same range again: the same durable workflow (completed) is reported, nothing is stored twice.
    const again = await runEarshot([...args, '--config', join(dataDir, 'v1.yaml')], {
      env,
      timeoutMs: 120_000,
    });
    expect(again.code).toBe(0);
    expect((await counts()).final).toBe(after.final);
  });

  it('rescoring after a brand override change updates every mention and keeps aggregates exact', async () => {
    const before = await counts();
    await h!.stop();
    h = undefined;

    const overrides = '{ acme: 5, refund: 5, delay: 5, waiting: 5 }';
    const config = configFromYaml(configYaml(overrides));
    writeFileSync(join(dataDir, 'v2.yaml'), configYaml(overrides));
    const version = createAnalyzer({ brands: { acme: config.brands[0]!.sentiment } }).version;
    h = await startHarness(import.meta.url, config, {}, dataDir);
    // The worker sees stored mentions with another scorer version and starts rescoring by itself.
    await h.client.workflow.getHandle(rescoreWorkflowId(version)).result();
    await recordHistory(h.client, 'rescore-workflow', rescoreWorkflowId(version));

    const [versions] = await h.rows<{ stale: number }>(
      'SELECT countIf(scorer_version != {v:String}) AS stale FROM earshot.mentions FINAL',
      { v: version },
    );
    expect(Number(versions!.stale)).toBe(0);
    const after = await counts();
    expect(after.final).toBeGreaterThanOrEqual(before.final);
    expect(after.volume).toBe(after.final);
    expect(JSON.parse(after.aggByLabel)).toEqual(JSON.parse(after.byLabel));
    expect(after.byLabel).not.toBe(before.byLabel); // the overrides really changed labels

    const cli = await runEarshot(['rescore', '--config', join(dataDir, 'v2.yaml'), '--data-dir', h.dataDir], {
      env,
    });
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/Every stored mention is already scored by earshot-sentiment@/);
  });
});
