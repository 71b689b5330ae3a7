/**
 * pino for the process, with secrets redacted, and Temporal's runtime logger routed into it. Two formats:
 * JSON lines for log collectors, and compact human lines for a terminal. Must run before any Temporal
 * connection or worker is created (Runtime.install).
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { prettyFactory } from 'pino-pretty';

/** The formats of `--log-format` / EARSHOT_LOG_FORMAT. */
export const LOG_FORMATS = ['json', 'pretty'] as const;
/** `json`: one JSON object a line; `pretty`: `[12:34:56.789] INFO: message {"key":"value"}`. */
export type LogFormat = (typeof LOG_FORMATS)[number];

/**
 * The format to log in: the one asked for (flag or environment), else pretty when `stream` (stderr) is a
 * terminal and JSON when it is a pipe or a file, so collectors get JSON without being configured.
 */
export function chooseLogFormat(
  requested: LogFormat | '' | undefined,
  stream: { isTTY?: boolean },
): LogFormat {
  // '' is an empty EARSHOT_LOG_FORMAT (commander keeps it as ''): unset, like no variable at all.
  return requested || (stream.isTTY === true ? 'pretty' : 'json');
}

/** Options of `createProcessLogger`. */
export interface ProcessLoggerOptions {
  /** @default 'info' */
  level?: string;
  /** @default 'json' */
  format?: LogFormat;
  /** ANSI colours in pretty lines. @default false */
  colorize?: boolean;
  /** Where lines go (tests pass a collecting stream). @default stderr */
  destination?: DestinationStream;
}

const REDACT = {
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
};

/**
 * Errors arrive under `err` (our code) and `error` (Temporal's log meta); pino serializes only `err` by
 * default, and an Error's own properties are not enumerable, so `error` would log as `{}`.
 */
const SERIALIZERS = { err: pino.stdSerializers.err, error: pino.stdSerializers.err };

/**
 * Creates the process logger. Redaction happens in pino before a line is formatted, so both formats hide
 * the same secrets. Pretty lines are formatted synchronously in this thread (pino-pretty's formatter, not
 * a transport in a worker thread), so they are written exactly like JSON lines, and none is lost on exit.
 */
export function createProcessLogger(options: ProcessLoggerOptions = {}): PinoLogger {
  const { level = 'info', format = 'json', colorize = false } = options;
  const out = options.destination ?? pino.destination(2);
  if (format === 'json') return pino({ level, redact: REDACT, serializers: SERIALIZERS }, out);
  const pretty = prettyFactory({
    colorize,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    singleLine: true,
  });
  return pino(
    { level, redact: REDACT, serializers: SERIALIZERS },
    { write: (line: string) => out.write(pretty(line)) },
  );
}

/**
 * The logger of a long-running command (`earshot up`, `earshot worker`): `format` from `--log-format` /
 * EARSHOT_LOG_FORMAT, else chosen for stderr; level from EARSHOT_LOG_LEVEL (default `info`); colours on a
 * terminal unless NO_COLOR is set. Routes Temporal's logs into it.
 */
export function startProcessLogging(format: LogFormat | '' | undefined, env: NodeJS.ProcessEnv): PinoLogger {
  const logger = createProcessLogger({
    level: env.EARSHOT_LOG_LEVEL ?? 'info',
    format: chooseLogFormat(format, process.stderr),
    colorize: process.stderr.isTTY === true && !env.NO_COLOR,
  });
  installTemporalRuntime(logger);
  return logger;
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
