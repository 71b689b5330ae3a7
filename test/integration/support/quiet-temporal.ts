// Runs first in every integration test process: Temporal's worker state changes at INFO would drown the
// test output, so its runtime logs warnings and errors only.
import { DefaultLogger, Runtime } from '@temporalio/worker';

Runtime.install({ logger: new DefaultLogger('WARN') });
