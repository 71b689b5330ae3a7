/**
 * `earshot worker`: production mode. Runs only the worker (and reconciles schedules) against an
 * external Temporal cluster (TEMPORAL_*) and ClickHouse server (CLICKHOUSE_*); see the README.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { WorkerProbes } from '../../worker/health-routes.js';
import { configOption, dataDirOption } from '../options.js';

/** The values of `--log-format` (worker/logging.ts's `LogFormat`, repeated so this stays a light import). */
const LOG_FORMATS = ['json', 'pretty'] as const;

/**
 * `--log-format json|pretty` (or EARSHOT_LOG_FORMAT), for the commands that run the worker's process
 * logger (`worker`, `up`). Unset: pretty on a terminal, JSON otherwise (worker/logging.ts).
 */
export function logFormatOption(): Option {
  return new Option('--log-format <format>', 'log lines on stderr (default: pretty on a terminal, else json)')
    .choices(LOG_FORMATS)
    .env('EARSHOT_LOG_FORMAT')
    .argParser((value: string) => {
      if (value.trim() === '') return ''; // `EARSHOT_LOG_FORMAT=` means unset (chooseLogFormat)
      if (!(LOG_FORMATS as readonly string[]).includes(value)) {
        throw new InvalidArgumentError(`Allowed choices are ${LOG_FORMATS.join(', ')}.`);
      }
      return value;
    });
}

interface WorkerOptions {
  config?: string;
  dataDir?: string;
  logFormat?: 'json' | 'pretty' | '';
  healthPort?: number;
  healthHost: string;
}

/** A TCP port number, 0–65535. */
function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new InvalidArgumentError(`"${value}" is not a port number (0–65535).`);
  }
  return port;
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'run only the worker against an external Temporal (TEMPORAL_ADDRESS…) and ClickHouse (CLICKHOUSE_URL…)',
    )
    .addOption(configOption('config file (default ./earshot.config.yaml)'))
    .addOption(dataDirOption('embedded store location when CLICKHOUSE_URL is unset'))
    .addOption(logFormatOption())
    .addOption(
      new Option('--health-port <port>', 'serve /livez and /healthz for container probes on this port')
        .env('EARSHOT_HEALTH_PORT')
        .argParser(parsePort),
    )
    .option('--health-host <host>', 'interface of the health endpoints (probes come from outside)', '0.0.0.0')
    .action(async (opts: WorkerOptions) => {
      // Config first: a broken config is reported before anything heavy is even loaded.
      const { loadConfig } = await import('../config/load-config.js');
      const { config, origin } = loadConfig(opts.config);
      // Imported here so other commands start without loading Temporal and ClickHouse.
      const { startProcessLogging } = await import('../../worker/logging.js');
      const logger = startProcessLogging(opts.logFormat, process.env);
      const { temporalSettingsFromEnv } = await import('../../worker/temporal-connection.js');
      const { storeOptionsFromEnv } = await import('../store-options.js');
      const { resolveDataDir } = await import('../data-dir.js');
      const temporal = temporalSettingsFromEnv(process.env);
      const storeOptions = storeOptionsFromEnv(process.env, resolveDataDir(opts.dataDir, process.env));
      logger.info(
        {
          config: origin,
          temporal: temporal.address,
          namespace: temporal.namespace,
          store: storeOptions.mode,
        },
        'starting worker',
      );
      const { createStore } = await import('../../storage/client.js');
      const { migrateOrVerify } = await import('../../storage/migration-status.js');
      const { runWorkers } = await import('../../worker/run-worker.js');
      const { healthRoutes } = await import('../../worker/health-routes.js');
      const { startHttpHost } = await import('../../platform/http-host/index.js');
      const store = await createStore(storeOptions, logger);
      const probes: WorkerProbes = { store: () => store.ping() };
      const health =
        opts.healthPort === undefined
          ? undefined
          : await startHttpHost({
              logger,
              host: opts.healthHost,
              port: opts.healthPort,
              routes: healthRoutes(probes),
            });
      if (health) logger.info({ url: `${health.url}/healthz` }, 'health endpoints listening');
      let webhooks: Awaited<ReturnType<typeof startHttpHost>> | undefined;
      try {
        // A second worker on `earshot up`'s HTTP interface (user writer) may not run DDL: it verifies instead.
        await migrateOrVerify(store);
        // Survey webhooks (docs/connectors/surveys.md) on a host of their own: EARSHOT_HTTP_HOST / _PORT.
        const { surveyWebhookRoutes } = await import('../../worker/survey-webhooks.js');
        const hooks = await surveyWebhookRoutes({ config, store, env: process.env, logger });
        if (hooks.length > 0) {
          webhooks = await startHttpHost({
            logger,
            host: process.env.EARSHOT_HTTP_HOST || '127.0.0.1',
            port: Number(process.env.EARSHOT_HTTP_PORT || 0),
            routes: hooks,
          });
          logger.info({ url: webhooks.url, paths: hooks.map((h) => h.path) }, 'survey webhooks listening');
        }
        const stop = new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
        await runWorkers({
          temporal,
          config,
          store,
          env: process.env,
          logger,
          stopSignal: stop,
          onReady: ({ sources, checkTemporal }) => {
            probes.temporal = checkTemporal;
            logger.info({ sources }, 'worker ready');
          },
        });
      } finally {
        await webhooks?.close();
        await health?.close();
        await store.close();
      }
    });
}
