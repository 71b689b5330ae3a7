/**
 * The real tools the infra/ validation runs: Helm (a Go program, built once into .cache like the Temporal
 * CLI when it is missing) and Debian's docker-compose (installed by .ci/run). This machine has no Docker
 * engine, so `docker-compose config` (parse, interpolate, validate) is as far as Compose files are run.
 */
import { spawnSync } from 'node:child_process';
import { ensureGoTool, type GoTool } from '../../cli/dev-server/go-tool.js';

const HELM: GoTool = {
  binary: 'helm',
  name: 'Helm',
  label: 'Helm',
  module: 'helm.sh/helm/v3/cmd/helm@v3.22.0',
  pathVariable: 'HELM_PATH',
  docsUrl: 'https://helm.sh/docs/intro/install/',
  cacheFolder: 'tools',
  error: (message) => new Error(message),
};

/** Path of a `helm` executable, built with Go on first use (a few minutes). */
export const ensureHelm = (): Promise<string> =>
  ensureGoTool(HELM, { progress: (line) => console.log(`[helm] ${line}`) });

/** Longest wait for the first Helm build, for `beforeAll`. */
export const HELM_BUILD_TIMEOUT_MS = 20 * 60_000;

/** Path of `docker-compose`, or an error saying how to install it. */
export function dockerCompose(): string {
  const found = spawnSync('sh', ['-c', 'command -v docker-compose'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (found.status === 0 && path) return path;
  throw new Error(
    "docker-compose is not installed. Install Debian's package (apt-get install -y docker-compose); " +
      '.ci/run does this before the tests.',
  );
}

/** Result of a tool run. */
export interface ToolRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command args` to completion with `env` added to this process's environment. */
export function runTool(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): ToolRun {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
