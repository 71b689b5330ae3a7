/**
 * Builds the clickhouse-go conformance program (test/conformance/clickhouse-go) with the Go toolchain the
 * Temporal build already needs, once per source version: cached under `.cache/` (git-ignored) by a hash of
 * its sources, so reruns start at once. Runs it asynchronously (the server under test is in this process).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sourceDir = join(repoRoot, 'test/conformance/clickhouse-go');

function goBinary(): string {
  if (process.env.GO_BINARY) return process.env.GO_BINARY;
  return existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : 'go';
}

/** Path of the built program (building it first when this version is not cached). */
export async function buildClickHouseGoConformance(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of ['main.go', 'go.mod', 'go.sum']) hash.update(readFileSync(join(sourceDir, file)));
  const dir = join(repoRoot, '.cache', `clickhouse-go-conformance-${hash.digest('hex').slice(0, 16)}`);
  const binary = join(dir, 'conformance');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  const staging = `${binary}.${process.pid}`;
  await run(goBinary(), ['build', '-o', staging, '.'], {
    cwd: sourceDir,
    env: { ...process.env, GOFLAGS: `${process.env.GOFLAGS ?? ''} -mod=mod -modcacherw`.trim() },
    timeout: 600_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  renameSync(staging, binary);
  return binary;
}

/** One check's outcome as the program reports it. */
export interface GoOutcome {
  ok: boolean;
  value?: unknown;
  err?: string;
  code?: number;
  errType?: string;
}

/** Runs the program in `mode` against `url` and returns its report. */
export async function runClickHouseGo(
  binary: string,
  mode: 'suite' | 'mentions',
  env: { url: string; database: string; user: string; password: string; grafana?: string; writer?: string },
): Promise<Record<string, GoOutcome>> {
  const { stdout } = await run(binary, [mode], {
    env: {
      ...process.env,
      CH_ADDR: new URL(env.url).host,
      CH_DATABASE: env.database,
      CH_USER: env.user,
      CH_PASSWORD: env.password,
      CH_GRAFANA_PASSWORD: env.grafana ?? '',
      CH_WRITER_PASSWORD: env.writer ?? '',
    },
    timeout: 300_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Record<string, GoOutcome>;
}
