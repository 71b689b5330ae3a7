#!/usr/bin/env node
// Finds or builds the Temporal CLI (used by `npm start` and the test setup); prints its path.
import { register } from 'tsx/esm/api';

register();
const { ensureTemporalBinary } = await import('../cli/dev-server/temporal-binary.ts');
try {
  console.log(await ensureTemporalBinary({ progress: (line) => console.error(line) }));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
