/**
 * The embedded default's alerts as a user sees them: `earshot up` with no config (the built-in demo, alerts on
 * with the terminal channel); from a second process, `earshot alerts list --json` shows alerts with evidence
 * (links, baseline) within 5 minutes, `earshot alerts show` prints one, and `earshot alerts backtest` runs the
 * same detectors over the stored history.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AlertRecordWithDeliveries } from '../../storage/alerts.js';
import { runEarshot, startUp, type RunningCommand } from './support.js';

describe('earshot up + earshot alerts', () => {
  let cwd: string;
  let up: RunningCommand;
  const env = (): NodeJS.ProcessEnv => ({
    TEMPORAL_CLI_PATH: inject('temporalBinary'),
    EARSHOT_LOG_LEVEL: 'warn',
  });

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'earshot-alerts-up-'));
    up = await startUp(cwd, env());
  });

  afterAll(async () => {
    await up?.stop('SIGKILL');
    rmSync(cwd, { recursive: true, force: true });
  });

  it("lists the demo stream's negative spikes with evidence within 5 minutes", async () => {
    const started = Date.now();
    let alerts: AlertRecordWithDeliveries[] = [];
    while (Date.now() - started < 300_000) {
      const result = await runEarshot(['alerts', 'list', '--json'], { cwd, env: env() });
      expect(result.stderr).not.toMatch(/Cannot lock file/);
      expect(result.code).toBe(0);
      alerts = JSON.parse(result.stdout) as AlertRecordWithDeliveries[];
      if (alerts.some((a) => a.kind === 'negative_spike')) break;
      await new Promise((r) => setTimeout(r, 5000));
    }
    const spike = alerts.find((a) => a.kind === 'negative_spike' && a.scopeType === 'brand');
    expect(spike, 'a negative spike alert within 5 minutes').toBeDefined();
    expect(spike!.summary).toMatch(/^Negative mentions of .+: \d+ in the last 15 min, .*× the usual for a/);
    expect(spike!.expected).toBeLessThan(spike!.observed);
    expect(spike!.evidence!.baseline.expected).toBe(spike!.expected);
    expect(spike!.evidence!.mentions.length).toBeGreaterThan(0);
    expect(spike!.evidence!.mentions[0]!.url).toMatch(/^https:\/\/demo\.earshot\.invalid\//);

    const shown = await runEarshot(['alerts', 'show', spike!.id], { cwd, env: env() });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(spike!.summary);
    expect(shown.stdout).toContain('Top negative mentions:');

    const backtest = await runEarshot(
      ['alerts', 'backtest', '--brand', spike!.brand, '--from', '4d', '--kind', 'negative_spike', '--json'],
      {
        cwd,
        env: env(),
      },
    );
    expect(backtest.code).toBe(0);
    const incidents = JSON.parse(backtest.stdout) as Array<{ kind: string; openedAt: number }>;
    expect(incidents.some((i) => i.openedAt === spike!.windowStart)).toBe(true);
  });
});
