/**
 * `earshot worker`: production mode. Runs only the worker (and reconciles schedules) against an
 * external Temporal cluster (TEMPORAL_*) and ClickHouse server (CLICKHOUSE_*); see the README.
 */
import type { Command } from 'commander';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'run only the worker against an external Temporal (TEMPORAL_ADDRESS…) and ClickHouse (CLICKHOUSE_URL…)',
    )
    .option('-c, --config <file>', 'config file (default ./earshot.config.yaml)')
    .option('--data-dir <dir>', 'embedded store location when CLICKHOUSE_URL is unset')
    .action(async (opts: { config?: string; dataDir?: string }) => {
      // Config first: a broken config is reported before anything heavy is even loaded.
      const { loadConfig } = await import('../config/load-config.js');
      const { config, origin } = loadConfig(opts.config);
      // Imported here so other commands start without loading Temporal and ClickHouse.
      const { resolveDataDir } = await import('../data-dir.js');
      const { createProcessLogger, installTemporalRuntime } = await import('../../worker/logging.js');
      const { runWorkers } = await import('../../worker/run-worker.js');
      const { temporalSettingsFromEnv } = await import('../../worker/temporal-connection.js');
      const { createStore } = await import('../../storage/client.js');
      const { migrate } = await import('../../storage/migrations/index.js');
      const { storeOptionsFromEnv } = await import('../store-options.js');
      const logger = createProcessLogger(process.env.EARSHOT_LOG_LEVEL ?? 'info');
      installTemporalRuntime(logger);
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
      const store = await createStore(storeOptions, logger);
      try {
        await migrate(store);
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
          onReady: ({ sources }) => logger.info({ sources }, 'worker ready'),
        });
      } finally {
        await store.close();
      }
    });
}
