/**
 * What a person sees on stderr: `earshot worker --log-format pretty` prints compact human lines (the flag
 * wins over EARSHOT_LOG_FORMAT); with neither, on a pipe, it prints JSON for log collectors. The worker runs
 * for real against the test Temporal server, in this file's own namespace, on a built-in demo config.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { namespaceForFile } from '../integration/support/namespace.js';
import { startEarshot, type RunningCommand } from './support.js';

const DEMO_CONFIG = fileURLToPath(new URL('../../cli/config/earshot.example.yaml', import.meta.url));

describe('earshot worker log format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-log-format-'));
  const running: RunningCommand[] = [];
  afterAll(async () => {
    for (const command of running) await command.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `earshot worker` until it is ready, stops it with Ctrl-C, returns its exit code and stderr lines. */
  async function runWorker(
    args: string[],
    env: NodeJS.ProcessEnv,
    ready: RegExp,
  ): Promise<{ code: number | null; lines: string[] }> {
    const worker = startEarshot(
      ['worker', '--config', DEMO_CONFIG, '--data-dir', mkdtempSync(join(dir, 'data-')), ...args],
      {
        env: {
          TEMPORAL_ADDRESS: inject('temporalAddress'),
          TEMPORAL_NAMESPACE: namespaceForFile(import.meta.url),
          CLICKHOUSE_URL: '',
          EARSHOT_LOG_LEVEL: 'info',
          EARSHOT_LOG_FORMAT: undefined,
          ...env,
        },
      },
    );
    running.push(worker);
    await worker.waitForOutput(ready);
    const code = await worker.stop('SIGINT');
    return { code, lines: worker.output().split('\n').filter(Boolean) };
  }

  it('prints human lines with --log-format pretty, even when EARSHOT_LOG_FORMAT says json', async () => {
    const { code, lines } = await runWorker(
      ['--log-format', 'pretty'],
      { EARSHOT_LOG_FORMAT: 'json' },
      /INFO: worker ready/,
    );
    expect(code).toBe(0);
    const namespace = namespaceForFile(import.meta.url);
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^\\[\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\] INFO: starting worker \\{.*"namespace":"${namespace}"`,
        ),
      ),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^\[[\d:.]+\] INFO: worker ready \{"sources":1\}$/));
    expect(lines.filter((line) => line.startsWith('{'))).toEqual([]);
    const text = lines.join('\n');
    expect(text).not.toContain('\u001b['); // no colours on a pipe
    expect(text).not.toMatch(/"pid"|"hostname"/);
  });

  it('prints JSON lines on a pipe when no format is asked for', async () => {
    const { code, lines } = await runWorker([], {}, /"msg":"worker ready"/);
    expect(code).toBe(0);
    const records = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
    expect(records).toContainEqual(expect.objectContaining({ level: 30, msg: 'starting worker' }));
    expect(records).toContainEqual(expect.objectContaining({ level: 30, msg: 'worker ready', sources: 1 }));
    expect(lines.filter((line) => /^\[[\d:.]+\] INFO/.test(line))).toEqual([]);
  });
});
