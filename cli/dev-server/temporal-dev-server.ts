/**
 * Starts `temporal server start-dev` as a child process and waits until it answers gRPC.
 * Used by `earshot up` (SQLite file under the data dir) and by the integration tests (in memory).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Connection } from '@temporalio/client';

/** Options for `startTemporalDevServer`. */
export interface DevServerOptions {
  binary: string;
  /** SQLite file for persistence; in-memory when absent. */
  dbFile?: string;
  /** gRPC port; a free one when absent. */
  port?: number;
  /** Web UI port; no UI when absent. */
  uiPort?: number;
  namespace?: string;
  /** More namespaces to create at start (tests give each file its own). */
  extraNamespaces?: string[];
  /** Seconds to wait for the server to answer. @default 60 */
  startTimeoutSeconds?: number;
  /** Receives the server's own log lines. */
  onLog?: (line: string) => void;
}

/** A running dev server. */
export interface DevServer {
  /** `host:port` for `Connection.connect` / `NativeConnection.connect`. */
  address: string;
  namespace: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** True when something already listens on `port` at 127.0.0.1. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

/**
 * Starts the dev server and resolves once it accepts gRPC connections.
 * @throws Error with the server's last output when it exits early or does not answer in time.
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServer> {
  const port = options.port ?? (await freePort());
  const namespace = options.namespace ?? 'default';
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', namespace];
  for (const extra of options.extraNamespaces ?? []) args.push('--namespace', extra);
  args.push('--log-level', 'warn', '--log-format', 'pretty');
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  // Same dynamic config the SDK's test environment sets: updates on, no version check phoning home.
  args.push('--dynamic-config-value', 'frontend.enableServerVersionCheck=false');

  const child: ChildProcess = spawn(options.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let recent = '';
  const onOutput = (chunk: Buffer): void => {
    recent = (recent + chunk.toString()).slice(-4000);
    for (const line of chunk.toString().split('\n')) if (line.trim()) options.onLog?.(line);
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );

  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutSeconds ?? 60) * 1000;
  for (;;) {
    if (exited !== undefined) {
      throw new Error(`Temporal dev server exited with code ${exited} before it was ready:\n${recent}`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`Temporal dev server did not answer on ${address} within the timeout:\n${recent}`, {
          cause: error,
        });
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  return {
    address,
    namespace,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    async stop() {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
