/** Log format selection (flag / environment / terminal) and what each format writes, secrets redacted. */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { logFormatOption } from '../../../cli/commands/worker.js';
import { chooseLogFormat, createProcessLogger, type LogFormat } from '../../../worker/logging.js';

/** A logger of `format` writing into an array of lines. */
function collect(
  format: LogFormat,
  colorize = false,
): { lines: string[]; logger: ReturnType<typeof createProcessLogger> } {
  const lines: string[] = [];
  const logger = createProcessLogger({ format, colorize, destination: { write: (s) => void lines.push(s) } });
  return { lines, logger };
}

const SECRETS = {
  token: 'tok-123',
  credentials: { clientSecret: 'cs-456' },
  source: { password: 'pw-789', apiKey: 'key-000', id: 'reddit-main' },
};

describe('chooseLogFormat', () => {
  it('is pretty on a terminal and JSON on a pipe or file', () => {
    expect(chooseLogFormat(undefined, { isTTY: true })).toBe('pretty');
    expect(chooseLogFormat(undefined, { isTTY: false })).toBe('json');
    expect(chooseLogFormat(undefined, {})).toBe('json');
  });

  it('takes the format asked for over the guess', () => {
    expect(chooseLogFormat('json', { isTTY: true })).toBe('json');
    expect(chooseLogFormat('pretty', {})).toBe('pretty');
  });
});

describe('--log-format', () => {
  const parse = (argv: string[], env: string | undefined): unknown => {
    const saved = process.env.EARSHOT_LOG_FORMAT;
    if (env === undefined) delete process.env.EARSHOT_LOG_FORMAT;
    else process.env.EARSHOT_LOG_FORMAT = env;
    try {
      const command = new Command().exitOverride().addOption(logFormatOption());
      command.configureOutput({ writeErr: () => {} });
      return command.parse(argv, { from: 'user' }).opts().logFormat;
    } finally {
      if (saved === undefined) delete process.env.EARSHOT_LOG_FORMAT;
      else process.env.EARSHOT_LOG_FORMAT = saved;
    }
  };

  it('reads the flag, else EARSHOT_LOG_FORMAT, else leaves the choice to the terminal test', () => {
    expect(parse([], undefined)).toBeUndefined();
    expect(parse([], 'pretty')).toBe('pretty');
    expect(parse(['--log-format', 'json'], 'pretty')).toBe('json');
    expect(parse(['--log-format', 'pretty'], 'json')).toBe('pretty');
    // An empty EARSHOT_LOG_FORMAT= counts as unset: the terminal test decides.
    expect(chooseLogFormat(parse([], '') as LogFormat | '', { isTTY: false })).toBe('json');
    expect(chooseLogFormat(parse([], ' ') as LogFormat | '', { isTTY: true })).toBe('pretty');
  });

  it('refuses other values, from the flag or the environment', () => {
    expect(() => parse(['--log-format', 'xml'], undefined)).toThrow(/Allowed choices are json, pretty/);
    expect(() => parse([], 'yaml')).toThrow(/from env 'EARSHOT_LOG_FORMAT' is invalid/);
  });
});

describe('createProcessLogger', () => {
  it('writes one JSON object a line in json format, secrets redacted', () => {
    const { lines, logger } = collect('json');
    logger.child({ component: 'demo' }).info(SECRETS, 'worker ready');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 30,
      msg: 'worker ready',
      component: 'demo',
      token: '[redacted]',
      credentials: '[redacted]',
      source: { password: '[redacted]', apiKey: '[redacted]', id: 'reddit-main' },
    });
  });

  it('logs the message and type of an Error under err and under error (Temporal meta)', () => {
    const { lines, logger } = collect('json');
    const cause = new TypeError('feed is not well-formed XML');
    logger.warn({ err: cause, error: cause }, 'activity failed');
    const line = JSON.parse(lines[0]!) as Record<string, { type: string; message: string }>;
    expect(line.err).toMatchObject({ type: 'TypeError', message: 'feed is not well-formed XML' });
    expect(line.error).toMatchObject({ type: 'TypeError', message: 'feed is not well-formed XML' });
  });

  it('writes compact human lines in pretty format, with the same secrets redacted', () => {
    const { lines, logger } = collect('pretty');
    logger.child({ component: 'demo' }).warn(SECRETS, 'worker ready');
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: worker ready \{.*\}\n$/);
    expect(line).toContain('"component":"demo"');
    expect(line).toContain('"id":"reddit-main"');
    expect(line).not.toMatch(/tok-123|cs-456|pw-789|key-000|"pid"|"hostname"/);
    expect(line.match(/\[redacted\]/g)).toHaveLength(4);
    expect(line).not.toContain('\u001b[');
  });

  it('colours pretty lines only when asked', () => {
    const { lines, logger } = collect('pretty', true);
    logger.error({}, 'failed');
    expect(lines[0]).toContain('\u001b[');
  });
});
