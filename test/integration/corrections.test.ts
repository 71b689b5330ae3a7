/**
 * User corrections as a support lead makes them: `earshot label` (through the worker of a running Earshot,
 * and directly on the data dir when nothing runs) changes the stored label at once, the hourly aggregates
 * move by exactly one mention between labels, the correction is kept with who and old → new, it teaches the
 * scorer (new version, rescoring starts), and it survives the rescoring.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { rescoreWorkflowId } from '../../core/temporal-names.js';
import { listCorrections } from '../../storage/corrections.js';
import { createScorer } from '../../worker/scorer.js';
import { runEarshot } from '../e2e/support.js';
import { configFromYaml, startHarness, waitFor, type Harness } from './support/harness.js';
import { namespaceForFile } from './support/namespace.js';

const configYaml = `
brands:
  - key: acme
    name: Acme
    query: acme
sources:
  - id: demo-cs
    type: demo
    interval: 1h
    brands: [acme]
    maxRequestsPerSecond: 100
    options: { seed: 7, ratePerMinute: 4, backfillHours: 2, maxPerPage: 200 }
`;
const config = configFromYaml(configYaml);

type Labels = Record<'positive' | 'neutral' | 'negative', number>;

describe('earshot label', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'earshot-label-'));
  const env = {
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: namespaceForFile(import.meta.url),
  };
  let h: Harness | undefined;
  let firstId = '';
  afterAll(async () => {
    await h?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Labels counted on the stored rows and in the aggregate table. */
  const labels = async (): Promise<{ rows: Labels; agg: Labels; volume: number; final: number }> => {
    const [r] = await h!.rows<Record<string, string | number>>(`
      SELECT (SELECT countIf(label = 'positive') FROM earshot.mentions FINAL) AS rp,
             (SELECT countIf(label = 'neutral') FROM earshot.mentions FINAL) AS rn,
             (SELECT countIf(label = 'negative') FROM earshot.mentions FINAL) AS rg,
             (SELECT count() FROM earshot.mentions FINAL) AS final,
             (SELECT sum(positive) FROM earshot.mention_hourly) AS ap,
             (SELECT sum(neutral) FROM earshot.mention_hourly) AS an,
             (SELECT sum(negative) FROM earshot.mention_hourly) AS ag,
             (SELECT sum(volume) FROM earshot.mention_hourly) AS volume`);
    const n = (k: string): number => Number(r![k]);
    return {
      rows: { positive: n('rp'), neutral: n('rn'), negative: n('rg') },
      agg: { positive: n('ap'), neutral: n('an'), negative: n('ag') },
      volume: n('volume'),
      final: n('final'),
    };
  };
  const stored = async (nativeId: string) =>
    (
      await h!.rows<{
        label: string;
        confidence: number;
        aspects: Array<{ aspect: string; sentiment: number }>;
        v: string;
      }>(
        `SELECT label, confidence, aspects, scorer_version AS v FROM earshot.mentions FINAL
         WHERE brand = 'acme' AND native_id = {id:String}`,
        { id: nativeId },
      )
    )[0]!;
  const pick = async (label: string, not: string[] = []) =>
    (
      await h!.rows<{ native_id: string }>(
        `SELECT native_id FROM earshot.mentions FINAL WHERE label = {l:String} AND native_id NOT IN {not:Array(String)}
         ORDER BY native_id LIMIT 1`,
        { l: label, not },
      )
    )[0]!.native_id;
  const moved = (a: Labels, from: keyof Labels, to: keyof Labels): Labels => ({
    ...a,
    [from]: a[from] - 1,
    [to]: a[to] + 1,
  });

  it('through the running worker: the label and aggregates follow exactly, the scorer learns, rescoring keeps it', async () => {
    h = await startHarness(import.meta.url, config, {}, dataDir);
    await waitFor(
      'the first scheduled poll',
      async () => (await h!.rows('SELECT 1 FROM earshot.ingest_runs FINAL')).length > 0,
    );
    const before = await labels();
    expect(before.final).toBeGreaterThan(10);
    expect(before.agg).toEqual(before.rows);
    const id = await pick('positive');
    firstId = id;

    const cli = await runEarshot(
      [
        'label',
        'demo-cs',
        id,
        '--brand',
        'acme',
        '--as',
        'negative',
        '--aspect',
        'support=negative',
        '--by',
        'lead@acme',
      ],
      { env, timeoutMs: 60_000 },
    );
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`demo-cs/${id} (brand acme): positive → negative, by lead@acme`);
    const version = /scorer version now (\S+);/.exec(cli.stdout)?.[1];
    expect(version).toMatch(/\+c[0-9a-f]{10}$/);

    const now = await labels();
    expect(now.rows).toEqual(moved(before.rows, 'positive', 'negative'));
    expect(now.agg).toEqual(now.rows);
    expect(now.volume).toBe(before.final);
    const row = await stored(id);
    expect(row.label).toBe('negative');
    expect(row.confidence).toBe(1);
    expect(row.aspects.some((a) => a.aspect === 'support' && a.sentiment < 0)).toBe(true);
    const [c] = await h.rows<Record<string, unknown>>(
      'SELECT corrected_by, via, old_label, new_label, new_aspects FROM earshot.corrections WHERE native_id = {id:String}',
      { id },
    );
    expect(c).toEqual({
      corrected_by: 'lead@acme',
      via: 'cli',
      old_label: 'positive',
      new_label: 'negative',
      new_aspects: [{ aspect: 'support', label: 'negative' }],
    });

    // The correction made a new scorer version: every mention is rescored to it, the correction holds.
    await h.client.workflow.getHandle(rescoreWorkflowId(version!)).result();
    const [stale] = await h.rows<{ n: string }>(
      'SELECT countIf(scorer_version != {v:String}) AS n FROM earshot.mentions FINAL',
      { v: version },
    );
    expect(Number(stale!.n)).toBe(0);
    expect((await stored(id)).label).toBe('negative');
    const rescored = await labels();
    expect(rescored.agg).toEqual(rescored.rows);
    expect(rescored.volume).toBe(rescored.final);
  });

  it('on the data dir when nothing runs, and the next worker start rescores with it', async () => {
    const id = await pick('negative', [firstId]);
    await h!.stop();
    h = undefined;
    // No TEMPORAL_ADDRESS and no `earshot up`: the command opens the store itself.
    const cli = await runEarshot(
      ['label', 'demo', id, '--brand', 'acme', '--as', 'neutral', '--data-dir', dataDir],
      {
        env: { TEMPORAL_ADDRESS: '' },
        timeoutMs: 60_000,
      },
    );
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`demo/${id} (brand acme): negative → neutral`);

    h = await startHarness(import.meta.url, config, {}, dataDir);
    const version = createScorer(config, await listCorrections(h.store)).version;
    await h.client.workflow.getHandle(rescoreWorkflowId(version)).result();
    expect((await stored(id)).label).toBe('neutral');
    expect((await stored(id)).v).toBe(version);
    expect((await stored(firstId)).label).toBe('negative');
    const after = await labels();
    expect(after.agg).toEqual(after.rows);
    expect(after.volume).toBe(after.final);

    // The CLI computes the worker's version (config + stored corrections), through the running store.
    writeFileSync(join(dataDir, 'earshot.config.yaml'), configYaml);
    const rescore = await runEarshot(
      ['rescore', '--config', join(dataDir, 'earshot.config.yaml'), '--data-dir', dataDir],
      { env },
    );
    expect(rescore.stderr).toBe('');
    expect(rescore.stdout).toContain(`Every stored mention is already scored by ${version}.`);
    const evaluated = await runEarshot(['eval', '--corrections', '--data-dir', dataDir], { env });
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toMatch(/^corrections: \d+ taught, \d+ held back .* 1 brand\(s\)$/m);
  });

  it('names the cause when the mention is unknown', async () => {
    const unknown = await runEarshot(
      ['label', 'demo-cs', 'no-such-id', '--brand', 'acme', '--as', 'neutral'],
      {
        env,
        timeoutMs: 60_000,
      },
    );
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/No stored mention demo-cs\/no-such-id for brand acme/);
    const bad = await runEarshot(['label', 'demo-cs', 'x', '--brand', 'acme', '--as', 'angry'], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--as "angry" is not a label; use one of negative, neutral, positive/);
  });
});
