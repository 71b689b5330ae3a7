/** Runs the `earshot` command as a user would: a child process of `node bin/earshot.js`. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

/** Absolute path of the CLI entry point. */
export const EARSHOT_BIN = fileURLToPath(new URL('../../bin/earshot.js', import.meta.url));

/** Result of a finished command. */
export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `earshot <args>` to completion, feeding `input` on stdin. */
export function runEarshot(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [EARSHOT_BIN, ...args], {
      env: { ...process.env, ...options.env },
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`earshot ${args.join(' ')} timed out\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A long-running `earshot` process (e.g. `up`), with its output collected as it comes. */
export interface RunningCommand {
  child: ChildProcess;
  output(): string;
  /** Resolves when the output contains `text` (rejects if the process exits first or on timeout). */
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `earshot <args>` in the background. */
export function startEarshot(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): RunningCommand {
  const child = spawn(process.execPath, [EARSHOT_BIN, ...args], {
    env: { ...process.env, ...options.env },
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code, signal) => {
      // A null exit code means a signal ended the process; say which, for the failure message.
      if (signal) output += `\n[earshot ended by ${signal}]\n`;
      resolve(code);
    }),
  );
  return {
    child,
    output: () => output,
    waitForOutput(text, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const check = (): void => {
          const found = typeof text === 'string' ? output.includes(text) : text.test(output);
          if (found) return resolve();
          if (child.exitCode !== null)
            return reject(
              new Error(`earshot exited (${child.exitCode}) before printing ${text}:\n${output}`),
            );
          if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${text}:\n${output}`));
          setTimeout(check, 200);
        };
        check();
      });
    },
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * `earshot up` in `cwd` on ports of its own (a developer's Temporal on 7233 does not matter), with the
 * suite's Temporal CLI and `env` on top; resolves once it is up. If it never gets there, it is killed and
 * the error (with its output) is thrown, so no process outlives a failed setup.
 */
export async function startUp(
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 180_000,
): Promise<RunningCommand> {
  const up = startEarshot(['up', '--temporal-port', '0', '--ui-port', '0', '--listen', '127.0.0.1:0'], {
    cwd,
    env: { TEMPORAL_CLI_PATH: inject('temporalBinary'), EARSHOT_LOG_LEVEL: 'warn', ...env },
  });
  try {
    await up.waitForOutput(/up in [\d.]+ s/, timeoutMs);
  } catch (error) {
    await up.stop('SIGKILL');
    throw error;
  }
  return up;
}
