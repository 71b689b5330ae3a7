// Runs first in every integration test process: installs the Temporal runtime the way `earshot up` and
// `earshot worker` do (worker/logging.ts), so tests see what users see: Temporal's warnings and errors
// only, without the expected "No workflows registered" of the per-source activity-only workers.
import { createProcessLogger, installTemporalRuntime } from '../../../worker/logging.js';

installTemporalRuntime(
  createProcessLogger({ level: process.env.EARSHOT_TEST_LOG_LEVEL ?? 'warn', format: 'pretty' }),
);
