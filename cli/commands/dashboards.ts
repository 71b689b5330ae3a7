/**
 * `earshot dashboards build --out <dir>`: writes every dashboard's JSON and the Grafana provisioning files
 * (dashboards provider, ClickHouse datasource for the read-only `grafana` user), ready to mount into Grafana.
 * `earshot dashboards publish`: creates or updates the folder, optionally the datasource, and every
 * dashboard through Grafana's HTTP API (`grafana.url`, token in the variable named by `grafana.tokenEnv`).
 * See docs/dashboards.md.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '../../core/errors.js';
import { configOption } from '../options.js';

interface DashboardsOptions {
  config?: string;
  out?: string;
  json?: boolean;
}

async function load(configPath?: string) {
  const { loadConfig } = await import('../config/load-config.js');
  const dashboards = await import('../../dashboards/index.js');
  const { config, origin } = loadConfig(configPath);
  const ctx = dashboards.dashboardContext(config, config.grafana.datasource.uid);
  return { config, origin, dashboards, built: dashboards.buildDashboards(ctx) };
}

export function registerDashboardsCommand(program: Command): void {
  const command = program
    .command('dashboards')
    .description('Grafana dashboards: build provisioning files, or publish through the Grafana HTTP API');

  command
    .command('build')
    .description(
      'write each dashboard JSON and Grafana provisioning files (provider + ClickHouse datasource)',
    )
    .requiredOption('--out <dir>', 'output directory (created if missing)')
    .addOption(configOption())
    .action(async (opts: DashboardsOptions) => {
      const { config, origin, dashboards, built } = await load(opts.config);
      const outDir = resolve(opts.out as string);
      const files = dashboards.provisioningFiles(built, config.grafana);
      const written = dashboards.writeOutputFiles(outDir, files);
      console.log(`Built ${built.length} dashboards from ${origin} into ${outDir}:`);
      for (const path of written) console.log(`  ${path}`);
      console.log(
        `Mount ${outDir}/dashboards at ${config.grafana.dashboardsPath} and ${outDir}/provisioning/* under ` +
          `/etc/grafana/provisioning/, and set ${config.grafana.datasource.passwordEnv} for Grafana (docs/dashboards.md).`,
      );
    });

  command
    .command('publish')
    .description(
      'create or update the folder, datasource (if grafana.publishDatasource) and dashboards in Grafana',
    )
    .option('--json', 'print the result as JSON')
    .addOption(configOption())
    .action(async (opts: DashboardsOptions) => {
      const { config, dashboards, built } = await load(opts.config);
      const grafana = config.grafana;
      if (!grafana.url) {
        throw new ConfigError(
          'grafana.url is not set: add it to the config (e.g. grafana: { url: http://localhost:3000 }), ' +
            'or use "earshot dashboards build --out <dir>" to provision from files.',
        );
      }
      const token = process.env[grafana.tokenEnv];
      if (!token) {
        throw new ConfigError(
          `${grafana.tokenEnv} is not set: export a Grafana service-account token (Editor role; Admin with ` +
            `grafana.publishDatasource) in ${grafana.tokenEnv}.`,
        );
      }
      const datasourcePassword = process.env[grafana.datasource.passwordEnv];
      if (grafana.publishDatasource && datasourcePassword === undefined) {
        throw new ConfigError(
          `${grafana.datasource.passwordEnv} is not set: export the password of the ClickHouse user ` +
            `"${grafana.datasource.username}" (or set grafana.publishDatasource: false).`,
        );
      }
      const result = await dashboards.publishDashboards(built, {
        grafana: { ...grafana, url: grafana.url },
        token,
        datasourcePassword,
      });
      if (opts.json) {
        console.log(JSON.stringify(result, null, 2));
        return;
      }
      console.log(`Grafana ${grafana.url}: folder ${grafana.folderUid} ${result.folder}`);
      if (result.datasource) console.log(`  datasource ${grafana.datasource.uid}: ${result.datasource}`);
      for (const d of result.dashboards) {
        console.log(`  ${d.uid}: ${d.status}${d.version !== undefined ? ` (version ${d.version})` : ''}`);
      }
    });
}
