/**
 * Drives `earshot connectors parse` as a user would: every recorded success body of the rss, reddit,
 * hackernews and appstore sources must print at least one valid JSON line; garbage must fail clearly.
 */
import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { connectorFixtures } from '../support/shared.js';
import { listFixtures, loadFixture } from '../support/replay-server.js';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../../bin/earshot.js');
const SOURCES: Record<string, string> = {
  rss: 'rss',
  reddit: 'reddit',
  'hn-algolia': 'hackernews',
  appstore: 'appstore',
};

const successBodies = Object.entries(SOURCES).flatMap(([folder, type]) =>
  listFixtures(folder)
    .map((name) => ({ folder, type, name, fixture: loadFixture(folder, name) }))
    .filter(
      ({ fixture }) =>
        fixture.status >= 200 && fixture.status < 300 && !/no_entry|error_/.test(fixture.fixture),
    )
    .map(({ folder, type, name }) => {
      const ext = loadFixture(folder, name).headers['content-type']?.includes('xml') ? 'xml' : 'json';
      return { type, name, file: join(connectorFixtures(folder), `${name}.${ext}`) };
    }),
);

describe('earshot connectors parse', () => {
  it.each(successBodies)('$type $name prints normalized mentions', async ({ type, file }) => {
    const { stdout, stderr } = await run('node', [BIN, 'connectors', 'parse', type, file]);
    const lines = stdout.trim().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const line of lines) {
      const m = JSON.parse(line) as Record<string, unknown>;
      expect(m.source).toBe(type);
      for (const key of ['native_id', 'url', 'text']) expect(String(m[key] ?? '')).toMatch(/\S/);
      expect(Number.isInteger(m.published_at)).toBe(true);
    }
    expect(stderr).toMatch(/skipped_invalid \d+/);
  });

  it('exits non-zero with a clear message on a garbage file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'earshot-parse-')), 'garbage.json');
    writeFileSync(file, '<<< not an API response >>>');
    const error = (await run('node', [BIN, 'connectors', 'parse', 'reddit', file]).catch(
      (e: unknown) => e,
    )) as {
      code?: number;
      stderr?: string;
    };
    expect(error.code).not.toBe(0);
    expect(error.stderr).toMatch(/cannot parse .*garbage\.json as a reddit response/);
  });

  it('names the known types for an unknown source type', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'earshot-parse-')), 'x.json');
    writeFileSync(file, '{}');
    const error = (await run('node', [BIN, 'connectors', 'parse', 'myspace', file]).catch(
      (e: unknown) => e,
    )) as {
      code?: number;
      stderr?: string;
    };
    expect(error.code).toBe(2);
    expect(error.stderr).toMatch(/known types: .*rss/);
  });
});
