import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureTemporalBinary, TemporalBinaryError } from '../../../cli/dev-server/temporal-binary.js';

describe('ensureTemporalBinary', () => {
  let dir: string;
  const fakeExecutable = (path: string): string => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '#!/bin/sh\necho fake\n');
    chmodSync(path, 0o755);
    return path;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'earshot-bin-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers TEMPORAL_CLI_PATH', async () => {
    const path = fakeExecutable(join(dir, 'custom', 'temporal'));
    const onPath = fakeExecutable(join(dir, 'path', 'temporal'));
    expect(
      await ensureTemporalBinary({
        env: { TEMPORAL_CLI_PATH: path, PATH: join(onPath, '..') },
        cacheDir: dir,
      }),
    ).toBe(path);
  });

  it('rejects a TEMPORAL_CLI_PATH that is not executable, naming the three ways', async () => {
    await expect(
      ensureTemporalBinary({ env: { TEMPORAL_CLI_PATH: join(dir, 'missing') }, cacheDir: dir }),
    ).rejects.toThrow(
      /TEMPORAL_CLI_PATH is set to .*missing[\s\S]*1\. set TEMPORAL_CLI_PATH[\s\S]*2\. put `temporal` on your PATH[\s\S]*3\. install Go/,
    );
  });

  it('finds temporal on PATH, then in the cache folder', async () => {
    const onPath = fakeExecutable(join(dir, 'path', 'temporal'));
    expect(
      await ensureTemporalBinary({ env: { PATH: join(dir, 'path') }, cacheDir: join(dir, 'cache') }),
    ).toBe(onPath);
    const cached = fakeExecutable(join(dir, 'cache', 'temporal', 'bin', 'temporal'));
    expect(
      await ensureTemporalBinary({ env: { PATH: join(dir, 'empty') }, cacheDir: join(dir, 'cache') }),
    ).toBe(cached);
  });

  it('fails with the three ways when there is no binary and no Go', async () => {
    const error = await ensureTemporalBinary({
      env: { PATH: join(dir, 'empty') },
      cacheDir: join(dir, 'cache'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemporalBinaryError);
    expect((error as Error).message).toMatch(
      /Go is not installed[\s\S]*TEMPORAL_CLI_PATH[\s\S]*PATH[\s\S]*go install github\.com\/temporalio\/cli\/cmd\/temporal@v1\.5\.1/,
    );
  });

  it('reports a failed Go build with its output, and retries without the checksum database when it is unreachable', async () => {
    const log = join(dir, 'go-calls.log');
    fakeExecutable(join(dir, 'gobin', 'go'));
    writeFileSync(
      join(dir, 'gobin', 'go'),
      `#!/bin/sh\nif [ "$1" = version ]; then echo "go version go1.99 fake"; exit 0; fi\necho "GOSUMDB=$GOSUMDB $*" >> ${log}\necho "verifying module: github.com/x: Get https://sum.golang.org/lookup: dial tcp: connection refused" >&2\nexit 1\n`,
    );
    const progress: string[] = [];
    const error = await ensureTemporalBinary({
      env: { PATH: join(dir, 'gobin') },
      cacheDir: join(dir, 'cache'),
      progress: (line) => progress.push(line),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /Building the Temporal CLI failed \(go install exited 1\)[\s\S]*sum\.golang\.org/,
    );
    expect(progress.join('\n')).toMatch(/retrying this one build with GOSUMDB=off/);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      'GOSUMDB= install github.com/temporalio/cli/cmd/temporal@v1.5.1',
      'GOSUMDB=off install github.com/temporalio/cli/cmd/temporal@v1.5.1',
    ]);
  });
});
