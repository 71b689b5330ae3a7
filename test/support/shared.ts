/**
 * Locates the team's shared folder (fixtures and labeled data), which tests read but never copy.
 * Override with EARSHOT_SHARED_DIR; defaults to `../shared` beside the checkout.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Absolute path of the shared folder; throws a message naming the fix when it is missing. */
export function sharedDir(): string {
  const dir = resolve(process.env.EARSHOT_SHARED_DIR ?? join(repoRoot, '..', 'shared'));
  if (!existsSync(join(dir, 'fixtures')) || !existsSync(join(dir, 'data'))) {
    throw new Error(
      `Shared fixtures not found at ${dir} (expected fixtures/ and data/ inside). ` +
        'Check out the shared folder beside this repository, or set EARSHOT_SHARED_DIR to its path.',
    );
  }
  return dir;
}

/** Path of a recorded connector fixture folder, e.g. `connectorFixtures('rss')`. */
export const connectorFixtures = (source: string): string =>
  join(sharedDir(), 'fixtures', 'connectors', source);
