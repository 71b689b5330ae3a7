/**
 * Broken configuration as a user meets it on the command line: every problem is reported with file,
 * line, path, the bad value and the fix, before anything starts; `earshot init` writes a config that
 * works and refuses to overwrite one.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEarshot } from './support.js';

describe('config errors on the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-config-'));
  const write = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every invalid value with its location and fix, and starts nothing', async () => {
    const file = write(
      'bad.yaml',
      `brands:
  - key: acme
    name: Acme
    query: acme
sources:
  - id: feed
    type: rss
    interval: every 5 minutes
    brands: [acme, globex]
    credentials: { token: s3cr3t-value }
`,
    );
    const result = await runEarshot(['up', '--config', file], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file} has 3 problem(s)`);
    expect(result.stderr).toMatch(
      /bad\.yaml:8:15 sources\[0\]\.interval: expected a duration such as "30s", "15m", "1h" or "1d" \(got "every 5 minutes"\)/,
    );
    expect(result.stderr).toMatch(
      /bad\.yaml:9:20 sources\[0\]\.brands\[1\]: unknown brand "globex"; use one of: acme/,
    );
    expect(result.stderr).toMatch(
      /sources\[0\]\.credentials\.token: give the NAME of an environment variable/,
    );
    expect(result.stderr).not.toMatch(/Temporal dev server/);
    expect(existsSync(join(dir, '.earshot'))).toBe(false);
  });

  it('points at the column of a brand query syntax error', async () => {
    const file = write(
      'query.yaml',
      `brands:\n  - key: acme\n    name: Acme\n    query: '("acme air" OR) AND x'\n`,
    );
    const result = await runEarshot(['status', '--config', file], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/brands\[0\]\.query: [\s\S]*column 13/);
    expect(result.stderr).toMatch(/\^/);
  });

  it('names a missing config file and how to create one', async () => {
    const result = await runEarshot(['up', '--config', join(dir, 'nope.yaml')], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nope\.yaml does not exist; create one with "earshot init"/);
  });

  it('`earshot init` writes a working commented example and will not overwrite it', async () => {
    const first = await runEarshot(['init'], { cwd: dir });
    expect(first.code).toBe(0);
    const text = readFileSync(join(dir, 'earshot.config.yaml'), 'utf8');
    expect(text).toMatch(/^# Earshot configuration/);
    const check = await runEarshot(['connectors', 'check'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/demo\s+demo\s+ok/);
    const again = await runEarshot(['init'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; pass --force to overwrite it/);
  });
});
