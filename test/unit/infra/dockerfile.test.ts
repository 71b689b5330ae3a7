/**
 * infra/Dockerfile, read as text (no Docker engine here to build it): multi-stage, production
 * dependencies only, non-root, and every source folder the CLI needs copied in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const dockerfile = readFileSync(root('infra/Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .filter((line) => line.trim() && !line.trimStart().startsWith('#'));

describe('infra/Dockerfile', () => {
  it('builds in two stages and installs production dependencies only, from the lockfile', () => {
    expect(instructions.filter((l) => l.startsWith('FROM '))).toHaveLength(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
  });

  it('runs as the unprivileged node user, with the worker and a health check by default', () => {
    const user = instructions.filter((l) => l.startsWith('USER '));
    expect(user).toEqual(['USER node']);
    expect(instructions.some((l) => l.startsWith('HEALTHCHECK ') && l.includes('/healthz'))).toBe(true);
    expect(instructions.find((l) => l.startsWith('CMD '))).toMatch(/"worker".*"--health-port"/);
  });

  it('copies every source folder of the TypeScript project, and no tests, benches or scripts', () => {
    const tsconfig = JSON.parse(readFileSync(root('tsconfig.json'), 'utf8')) as { include: string[] };
    const runtime = tsconfig.include
      .map((entry) => entry.replace(/\/.*$/, ''))
      .filter(
        (entry) => !['test', 'bench', 'scripts', 'vitest.config.ts', 'eslint.config.js'].includes(entry),
      )
      .filter((entry) => !entry.includes('.') && !entry.includes('*'));
    const copied = instructions
      .filter((l) => l.startsWith('COPY ') && !l.includes('--from='))
      .map((l) => l.split(/\s+/)[1]!);
    expect(runtime.length).toBeGreaterThan(5);
    for (const folder of runtime) expect(copied, `COPY ${folder}`).toContain(folder);
    for (const excluded of ['test', 'bench', 'scripts']) expect(copied).not.toContain(excluded);
    for (const path of copied) expect(existsSync(root(path)), `${path} exists`).toBe(true);
  });

  it('keeps the build context small: .dockerignore leaves out node_modules, caches and git', () => {
    const ignored = readFileSync(root('.dockerignore'), 'utf8').split('\n');
    for (const entry of ['node_modules', '.cache', '.git', '.earshot']) expect(ignored).toContain(entry);
  });
});
