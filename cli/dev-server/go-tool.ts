/**
 * Finds a command-line tool written in Go (the Temporal CLI for the dev server; Helm for the infra tests)
 * or builds it once with Go into the project's ignored cache folder. Order: the tool's path variable,
 * $PATH, the cache, then `go install`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A Go tool Earshot can build when it is missing. */
export interface GoTool {
  /** Executable name: `temporal`. */
  binary: string;
  /** Short name for messages: `Temporal CLI`. */
  name: string;
  /** With an article, for sentences: `the Temporal CLI`. */
  label: string;
  /** `go install` argument, pinned: `github.com/temporalio/cli/cmd/temporal@v1.5.1`. */
  module: string;
  /** Environment variable naming an existing executable: `TEMPORAL_CLI_PATH`. */
  pathVariable: string;
  /** Where to get it by hand. */
  docsUrl: string;
  /** Folder under the cache: `<cache>/<cacheFolder>/bin/<binary>`. */
  cacheFolder: string;
  /** The error thrown when the tool cannot be found or built. */
  error(message: string): Error;
}

/** Default cache folder: `<repo>/.cache` (git-ignored). */
export const defaultCacheDir = (): string =>
  resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '.cache');

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

/** Options for `ensureGoTool`. */
export interface EnsureGoToolOptions {
  env?: NodeJS.ProcessEnv;
  cacheDir?: string;
  /** Progress lines (build steps, downloads). */
  progress?: (line: string) => void;
}

/** The three ways to provide `tool`, ending every "not found" message. */
export function howToProvide(tool: GoTool): string {
  return (
    `Provide ${tool.label} in one of three ways:\n` +
    `  1. set ${tool.pathVariable} to an existing \`${tool.binary}\` executable;\n` +
    `  2. put \`${tool.binary}\` on your PATH (${tool.docsUrl});\n` +
    `  3. install Go >= 1.25 and let Earshot build it into the cache (go install ${tool.module}).`
  );
}

/**
 * Returns the path of a usable `tool` executable: $<pathVariable>, $PATH, the cache, else built with Go.
 * @throws the tool's own error (`tool.error`) naming the three ways to provide it.
 */
export async function ensureGoTool(tool: GoTool, options: EnsureGoToolOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const progress = options.progress ?? (() => {});
  const given = env[tool.pathVariable];
  if (given) {
    if (isExecutable(given)) return given;
    throw tool.error(
      `${tool.pathVariable} is set to ${given}, which is not an executable file.\n${howToProvide(tool)}`,
    );
  }
  const onPath = findOnPath(tool.binary, env.PATH);
  if (onPath) return onPath;

  const binDir = join(options.cacheDir ?? defaultCacheDir(), tool.cacheFolder, 'bin');
  const cached = join(binDir, tool.binary);
  if (isExecutable(cached)) return cached;

  const go = findOnPath('go', env.PATH);
  if (!go) throw tool.error(`No ${tool.name} found and Go is not installed.\n${howToProvide(tool)}`);
  await buildWithGo(tool, go, binDir, env, progress);
  return cached;
}

async function buildWithGo(
  tool: GoTool,
  go: string,
  binDir: string,
  env: NodeJS.ProcessEnv,
  progress: (line: string) => void,
): Promise<void> {
  const version = spawnSync(go, ['version'], { encoding: 'utf8' }).stdout.trim();
  progress(`Building ${tool.label} with ${version} (one time, a few minutes): go install ${tool.module}`);
  // Build into a private folder and rename, so a concurrent start never sees a half-written binary.
  const staging = `${binDir}.building-${process.pid}`;
  mkdirSync(staging, { recursive: true });
  const started = Date.now();
  try {
    let result = await goInstall(tool, go, staging, env, progress);
    if (result.code !== 0 && /sum\.golang\.org|checksum database|verifying module/i.test(result.output)) {
      progress(
        'The Go checksum database (sum.golang.org) cannot be reached from here; retrying this one build with GOSUMDB=off.',
      );
      result = await goInstall(tool, go, staging, { ...env, GOSUMDB: 'off' }, progress);
    }
    if (result.code !== 0) {
      throw tool.error(
        `Building ${tool.label} failed (go install exited ${result.code}):\n${result.output.split('\n').slice(-15).join('\n')}\n${howToProvide(tool)}`,
      );
    }
    mkdirSync(binDir, { recursive: true });
    renameSync(join(staging, tool.binary), join(binDir, tool.binary));
    progress(
      `${tool.name} built in ${((Date.now() - started) / 1000).toFixed(0)} s → ${join(binDir, tool.binary)}`,
    );
  } finally {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
}

function goInstall(
  tool: GoTool,
  go: string,
  gobin: string,
  env: NodeJS.ProcessEnv,
  progress: (line: string) => void,
): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(go, ['install', tool.module], {
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
      () => progress(`  still building ${tool.label} (downloading and compiling)…`),
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
