/**
 * pino for the process, with secrets redacted, and Temporal's runtime logger routed into it.
 * Must run before any Temporal connection or worker is created (Runtime.install).
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { pino, type Logger as PinoLogger } from 'pino';

/** Creates the process logger. Logs go to stderr as JSON; `level` from EARSHOT_LOG_LEVEL or `info`. */
export function createProcessLogger(level = 'info'): PinoLogger {
  return pino(
    {
      level,
      redact: {
        paths: [
          '*.password',
          '*.token',
          '*.secret',
          '*.apiKey',
          '*.credentials',
          'credentials',
          'token',
          'password',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}

let installed = false;

/** Routes Temporal SDK and core logs to `logger` (warnings and above by default). */
export function installTemporalRuntime(logger: PinoLogger, level: LogLevel = 'WARN'): void {
  if (installed) return;
  installed = true;
  const temporal = logger.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => {
      const { message, meta } = entry;
      // Expected for our activity-only per-source workers; not worth a warning.
      if (message.startsWith('No workflows registered')) return;
      const fn = entry.level === 'ERROR' ? 'error' : entry.level === 'WARN' ? 'warn' : 'info';
      temporal[fn](meta ?? {}, message);
    }),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
    shutdownSignals: [],
  });
}
