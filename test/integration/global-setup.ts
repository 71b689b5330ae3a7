/**
 * Starts ONE real Temporal dev server for the whole integration run (building the CLI with Go on first
 * use), with one namespace per test file so schedules and task queues never collide, and bundles the
 * workflows once. Test files read the address and bundle path via `inject()`.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureTemporalBinary } from '../../cli/dev-server/temporal-binary.js';
import { startTemporalDevServer, type DevServer } from '../../cli/dev-server/temporal-dev-server.js';
import { bundleWorkflows } from '../../worker/workflow-bundle.js';
import { sharedDir } from '../support/shared.js';
import { namespaceForFile } from './support/namespace.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalBinary: string;
    workflowBundlePath: string;
  }
}

let server: DevServer | undefined;
let workDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  sharedDir(); // fail fast, with the fix, when the shared fixtures are missing
  const binary = await ensureTemporalBinary({ progress: (line) => console.log(`[temporal] ${line}`) });
  const testDirs = ['test/integration', 'test/e2e'];
  const namespaces = testDirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => namespaceForFile(f)),
  );
  server = await startTemporalDevServer({ binary, extraNamespaces: namespaces });
  workDir = mkdtempSync(join(tmpdir(), 'earshot-it-'));
  const bundle = await bundleWorkflows();
  const bundlePath = join(workDir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  project.provide('temporalAddress', server.address);
  project.provide('temporalBinary', binary);
  project.provide('workflowBundlePath', bundlePath);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}
