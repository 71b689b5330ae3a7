/** One Temporal namespace per test file: `it-<file name without .test.ts>`. */
import { basename } from 'node:path';

/** Namespace of a test file, from its path or file URL. */
export const namespaceForFile = (file: string): string =>
  `it-${basename(file.replace(/^file:\/\//, '')).replace(/\.test\.ts$/, '')}`;
