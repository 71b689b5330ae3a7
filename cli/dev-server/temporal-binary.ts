/**
 * Finds the `temporal` CLI (which runs the Temporal dev server) or builds it once with Go into the
 * project's ignored cache folder. Order: $TEMPORAL_CLI_PATH, $PATH, the cache, then `go install`.
 */
import { ensureGoTool, type EnsureGoToolOptions, type GoTool } from './go-tool.js';

export { defaultCacheDir } from './go-tool.js';

/** The newest tag that `go install` accepts (later tags carry a `replace` directive); see tech-reference A6. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

/** Raised when no Temporal CLI can be found or built; the message lists the three ways to provide it. */
export class TemporalBinaryError extends Error {
  override name = 'TemporalBinaryError' as const;
}

const TEMPORAL_CLI: GoTool = {
  binary: 'temporal',
  name: 'Temporal CLI',
  label: 'the Temporal CLI',
  module: TEMPORAL_CLI_MODULE,
  pathVariable: 'TEMPORAL_CLI_PATH',
  docsUrl: 'https://docs.temporal.io/cli',
  cacheFolder: 'temporal',
  error: (message) => new TemporalBinaryError(message),
};

/** Options for `ensureTemporalBinary`. */
export type EnsureTemporalOptions = EnsureGoToolOptions;

/**
 * Returns the path of a usable `temporal` executable, building it with Go when none is found.
 * @throws TemporalBinaryError naming the three ways to provide the binary.
 */
export const ensureTemporalBinary = (options: EnsureTemporalOptions = {}): Promise<string> =>
  ensureGoTool(TEMPORAL_CLI, options);
