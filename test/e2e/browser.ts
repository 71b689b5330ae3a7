/**
 * Headless Chromium for the browser tests: Debian's `chromium` package (installed by `.ci/run`), driven by
 * playwright-core. A missing browser fails the test with the fix, never skips it. Artifacts (screenshots) go
 * to the ignored `.cache/test-artifacts/`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../reports/index.js';

/** Where the browser is looked for (`EARSHOT_CHROMIUM_PATH` overrides). */
export const CHROMIUM_PATH = process.env.EARSHOT_CHROMIUM_PATH || '/usr/bin/chromium';

/** Test artifacts directory (ignored by git), created on demand. */
export function artifactPath(name: string): string {
  const dir = fileURLToPath(new URL('../../.cache/test-artifacts/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** Launches headless Chromium; throws naming the fix when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: the browser tests need Debian's chromium package. ` +
        'CI installs it in .ci/run; locally run `apt-get install -y chromium` (or set EARSHOT_CHROMIUM_PATH).',
    );
  }
  // launch() gives every browser a fresh temporary profile (playwright refuses an explicit --user-data-dir).
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
