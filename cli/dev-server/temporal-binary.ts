/**
 * Finds the `temporal` CLI (which runs the Temporal dev server) or builds it once with Go into the
 * project's ignored cache folder. Order: $TEMPORAL_CLI_PATH, $PATH, the cache, then `go install`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The newest tag that `go install` accepts (later tags carry a `replace` directive); see tech-reference A6. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

/** Default cache folder: `<repo>/.cache` (git-ignored). */
export const defaultCacheDir = (): string =>
  resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '.cache');

const HOW_TO_PROVIDE =
  'Provide the Temporal CLI in one of three ways:\n' +
  '  1. set TEMPORAL_CLI_PATH to an existing `temporal` executable;\n' +
  '  2. put `temporal` on your PATH (https://docs.temporal.io/cli);\n' +
  `  3. install Go >= 1.25 and let Earshot build it into the cache (go install ${TEMPORAL_CLI_MODULE}).`;

/** Raised when no Temporal CLI can be found or built; the message lists the three ways to provide it. */
export class TemporalBinaryError extends Error {
  override name = 'TemporalBinaryError' as const;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string, pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Options for `ensureTemporalBinary`. */
export interface EnsureTemporalOptions {
  env?: NodeJS.ProcessEnv;
  cacheDir?: string;
  /** Progress lines (build steps, downloads). */
  progress?: (line: string) => void;
}

/**
 * Returns the path of a usable `temporal` executable, building it with Go when none is found.
 * @throws TemporalBinaryError naming the three ways to provide the binary.
 */
export async function ensureTemporalBinary(options: EnsureTemporalOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const progress = options.progress ?? (() => {});
  if (env.TEMPORAL_CLI_PATH) {
    if (isExecutable(env.TEMPORAL_CLI_PATH)) return env.TEMPORAL_CLI_PATH;
    throw new TemporalBinaryError(
      `TEMPORAL_CLI_PATH is set to ${env.TEMPORAL_CLI_PATH}, which is not an executable file.\n${HOW_TO_PROVIDE}`,
    );
  }
  const onPath = findOnPath('temporal', env.PATH);
  if (onPath) return onPath;

  const binDir = join(options.cacheDir ?? defaultCacheDir(), 'temporal', 'bin');
  const cached = join(binDir, 'temporal');
  if (isExecutable(cached)) return cached;

  const go = findOnPath('go', env.PATH);
  if (!go) throw new TemporalBinaryError(`No Temporal CLI found and Go is not installed.\n${HOW_TO_PROVIDE}`);
  await buildWithGo(go, binDir, env, progress);
  return cached;
}

async function buildWithGo(
  go: string,
  binDir: string,
  env: NodeJS.ProcessEnv,
  progress: (line: string) => void,
): Promise<void> {
  const version = spawnSync(go, ['version'], { encoding: 'utf8' }).stdout.trim();
  progress(
    `Building the Temporal CLI with ${version} (one time, a few minutes): go install ${TEMPORAL_CLI_MODULE}`,
  );
  // Build into a private folder and rename, so a concurrent start never sees a half-written binary.
  const staging = `${binDir}.building-${process.pid}`;
  mkdirSync(staging, { recursive: true });
  const started = Date.now();
  try {
    let result = await goInstall(go, staging, env, progress);
    if (result.code !== 0 && /sum\.golang\.org|checksum database|verifying module/i.test(result.output)) {
      progress(
        'The Go checksum database (sum.golang.org) cannot be reached from here; retrying this one build with GOSUMDB=off.',
      );
      result = await goInstall(go, staging, { ...env, GOSUMDB: 'off' }, progress);
    }
    if (result.code !== 0) {
      throw new TemporalBinaryError(
        `Building the Temporal CLI failed (go install exited ${result.code}):\n${result.output.split('\n').slice(-15).join('\n')}\n${HOW_TO_PROVIDE}`,
      );
    }
    mkdirSync(binDir, { recursive: true });
    renameSync(join(staging, 'temporal'), join(binDir, 'temporal'));
    progress(
      `Temporal CLI built in ${((Date.now() - started) / 1000).toFixed(0)} s → ${join(binDir, 'temporal')}`,
    );
  } finally {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
}

function goInstall(
  go: string,
  gobin: string,
  env: NodeJS.ProcessEnv,
  progress: (line: string) => void,
): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(go, ['install', TEMPORAL_CLI_MODULE], {
      env: { ...env, GOBIN: gobin, GOFLAGS: `${env.GOFLAGS ?? ''} -modcacherw`.trim() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let downloads = 0;
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      for (const line of chunk.toString().split('\n')) {
        if (line.startsWith('go: downloading')) {
          downloads++;
          if (downloads % 25 === 1) progress(`  downloading Go modules (${downloads} so far)…`);
        } else if (line.trim()) progress(`  ${line.trim()}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setInterval(
      () => progress('  still building the Temporal CLI (downloading and compiling)…'),
      30_000,
    );
    child.on('close', (code) => {
      clearInterval(timer);
      resolvePromise({ code: code ?? 1, output });
    });
    child.on('error', (error) => {
      clearInterval(timer);
      resolvePromise({ code: 1, output: String(error) });
    });
  });
}
