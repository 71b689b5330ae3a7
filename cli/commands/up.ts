/**
 * `earshot up`: the embedded default. Starts the Temporal dev server (SQLite under the data dir), opens
 * the chDB store, serves it over ClickHouse's HTTP interface (127.0.0.1:8123 unless `--listen`) for
 * `earshot sql`, analysts' tools and extra workers, starts the process's one HTTP host (127.0.0.1), runs the
 * workers and the schedules, and shuts everything down cleanly on Ctrl-C.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { EXAMPLE_QUERIES } from '../../storage/schema.js';
import { logFormatOption } from './worker.js';
import { configOption, dataDirOption } from '../options.js';

interface UpOptions {
  config?: string;
  dataDir?: string;
  temporalPort: string;
  uiPort: string;
  listen: string;
  logFormat?: 'json' | 'pretty' | '';
}

/** Resolves on the first SIGINT/SIGTERM; a second one exits at once. */
function stopRequested(onFirst: () => void): Promise<string> {
  return new Promise((resolve) => {
    let asked = false;
    const handler = (signal: string): void => {
      if (asked) process.exit(130);
      asked = true;
      onFirst();
      resolve(signal);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}

export function registerUpCommand(program: Command): void {
  program
    .command('up')
    .description(
      'run Earshot locally: Temporal dev server + worker + schedules + embedded ClickHouse (Ctrl-C stops)',
    )
    .addOption(configOption())
    .addOption(dataDirOption())
    .option('--temporal-port <port>', 'Temporal gRPC port (0 or taken: a free one)', '7233')
    .option('--ui-port <port>', 'Temporal web UI port (0 or taken: a free one)', '8233')
    .option(
      '--listen <host:port>',
      'ClickHouse HTTP interface of the embedded store (port taken: a free one); a host other than 127.0.0.1 exposes it to the network',
      '127.0.0.1:8123',
    )
    .addOption(logFormatOption())
    .action(async (opts: UpOptions) => {
      // Config first: a broken config is reported before anything heavy is even loaded.
      const { loadConfig } = await import('../config/load-config.js');
      const { config, origin } = loadConfig(opts.config);
      // Imported here so other commands start without loading Temporal and ClickHouse.
      const { startProcessLogging } = await import('../../worker/logging.js');
      const logger = startProcessLogging(opts.logFormat, process.env);
      const { ensureTemporalBinary } = await import('../dev-server/temporal-binary.js');
      const { freePort, portInUse, startTemporalDevServer } =
        await import('../dev-server/temporal-dev-server.js');
      const { resolveDataDir } = await import('../data-dir.js');
      const { recordUpState } = await import('../running-temporal.js');
      const { chdbDataDir } = await import('../store-options.js');
      const { runWorkers } = await import('../../worker/run-worker.js');
      const { createStore } = await import('../../storage/client.js');
      const { migrate } = await import('../../storage/migrations/index.js');
      const { startHttpHost } = await import('../../platform/http-host/index.js');
      const { isLoopback, serveStoreOverHttp } = await import('../../storage/clickhouse-http/index.js');
      const listen = parseListen(opts.listen);
      // Prefer the usual ports; take free ones when another Temporal already uses them.
      const portOr = async (preferred: number): Promise<number> =>
        preferred === 0 || (await portInUse(preferred)) ? freePort() : preferred;
      const dataDir = resolveDataDir(opts.dataDir, process.env);
      mkdirSync(dataDir, { recursive: true });
      const say = (line: string): void => console.error(`earshot: ${line}`);
      say(`config: ${origin}; data: ${dataDir}`);

      // The store first: chDB's lock on the data dir is what keeps a second `up` from starting a second
      // Temporal server on the same SQLite file.
      const store = await createStore({ mode: 'embedded', dataDir: chdbDataDir(dataDir) }, logger);
      let temporal;
      let forgetUpState = (): void => {};
      let host;
      let clickhouseHttp;
      let failed = true;
      try {
        const binary = await ensureTemporalBinary({ progress: say });
        // A free port found by probing can be taken by another process before the dev server binds it:
        // with ports of our choosing, a server that exits before it is ready gets two more tries.
        const chosen = Number(opts.temporalPort) === 0 || Number(opts.uiPort) === 0;
        for (let attempt = 1; ; attempt++) {
          const port = await portOr(Number(opts.temporalPort));
          const uiPort = await portOr(Number(opts.uiPort));
          try {
            temporal = await startTemporalDevServer({
              binary,
              port,
              uiPort,
              dbFile: join(dataDir, 'temporal.sqlite'),
            });
            break;
          } catch (error) {
            if (!chosen || attempt >= 3) throw error;
            say(`Temporal dev server did not start on ports ${port}/${uiPort}; trying other free ports`);
          }
        }
        say(`Temporal dev server on ${temporal.address}; web UI: ${temporal.uiUrl}`);
        forgetUpState = recordUpState(dataDir, {
          address: temporal.address,
          namespace: temporal.namespace,
          uiUrl: temporal.uiUrl,
        });
        await migrate(store);
        // The store's ClickHouse HTTP interface (docs/sql-access.md): `earshot sql`/`status`, analysts'
        // clients and extra workers; the passwords are in <data dir>/clickhouse-users.json (0600).
        const chPort = listen.port === 0 || (await portInUse(listen.port)) ? 0 : listen.port;
        clickhouseHttp = await serveStoreOverHttp(store, {
          dataDir,
          logger,
          host: listen.host,
          port: chPort,
        });
        say(
          `ClickHouse HTTP interface on ${clickhouseHttp.url} (users: analyst, grafana, writer; \`earshot connect\` prints how to connect)`,
        );
        if (!isLoopback(listen.host)) {
          say(
            `WARNING: the ClickHouse interface listens on ${listen.host}, reachable from the network with the ` +
              'passwords in clickhouse-users.json and no TLS; use --listen 127.0.0.1:8123 to keep it local.',
          );
        }
        // The process's one HTTP host: routes from the libraries (the web view and inbound webhooks).
        const { webViewForUp } = await import('../web-view.js');
        const web = webViewForUp({ config, store, dataDir, logger });
        const { surveyWebhookRoutes } = await import('../../worker/survey-webhooks.js');
        const hooks = await surveyWebhookRoutes({ config, store, env: process.env, logger });
        // A webhook sender needs a port that stays the same across restarts: EARSHOT_HTTP_PORT (else a free one).
        const hostPort = Number(process.env.EARSHOT_HTTP_PORT || 0);
        host = await startHttpHost({ logger, port: hostPort, routes: [...web.routes, ...hooks] });
        for (const hook of hooks) say(`survey webhook: POST ${host.url}${hook.path}`);
        say(`web dashboard: ${web.loginUrl(host.url)} (opens it logged in; a new link at every start)`);
        const started = Date.now();
        await runWorkers({
          temporal: { address: temporal.address, namespace: temporal.namespace },
          config,
          store,
          env: process.env,
          logger,
          stopSignal: stopRequested(() => say('stopping (Ctrl-C again to force)…')),
          onReady: ({ sources, scorerVersion }) =>
            say(
              `up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${sources} source(s) scheduled, scorer ${scorerVersion}. ` +
                `In another terminal: npx earshot status | npx earshot sql "${EXAMPLE_QUERIES.countMentions}". Ctrl-C to stop.`,
            ),
        });
        failed = false;
      } finally {
        await clickhouseHttp?.close();
        await host?.close();
        await store.close();
        forgetUpState();
        await temporal?.stop();
        say(failed ? 'stopped after an error' : 'stopped cleanly');
      }
    });
}

/** `--listen host:port` (IPv6 as `[::1]:8123`). */
function parseListen(value: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value.trim());
  const port = Number(match?.[3]);
  if (!match || port > 65535) {
    throw new Error(
      `--listen ${JSON.stringify(value)} must look like host:port, e.g. 127.0.0.1:8123 or 0.0.0.0:8123`,
    );
  }
  return { host: match[1] ?? match[2] ?? '127.0.0.1', port };
}
