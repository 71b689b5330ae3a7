/**
 * Grafana file provisioning for the built dashboards (Grafana docs "Provisioning"): each dashboard's JSON,
 * a dashboards provider pointing at them, and the ClickHouse datasource for the read-only `grafana` user.
 * Mount the output into a Grafana container (docs/dashboards.md):
 *
 * ```
 * <out>/dashboards/<uid>.json                    → /var/lib/grafana/dashboards/earshot/
 * <out>/provisioning/dashboards/earshot.yaml     → /etc/grafana/provisioning/dashboards/
 * <out>/provisioning/datasources/earshot.yaml    → /etc/grafana/provisioning/datasources/
 * ```
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { stringify } from 'yaml';
import type { GrafanaConfig, GrafanaDatasourceConfig } from '../core/config/index.js';
import { CLICKHOUSE_PLUGIN } from './grafana/clickhouse-query.js';

/** One file to write, relative to the output directory. */
export interface OutputFile {
  path: string;
  content: string;
}

/**
 * The plugin's datasource settings (tech reference B1): `defaultDatabase` (not `database`), the user, and
 * its password from `secureJsonData`. The user must be allowed to set `max_execution_time` (a readonly user
 * needs a `changeable_in_readonly` constraint) or queries fail although "Save & test" passes.
 */
export function datasourceModel(ds: GrafanaDatasourceConfig, password: string) {
  return {
    name: ds.name,
    uid: ds.uid,
    type: CLICKHOUSE_PLUGIN,
    access: 'proxy',
    jsonData: {
      host: ds.host,
      port: ds.port,
      protocol: ds.protocol,
      secure: ds.secure,
      username: ds.username,
      defaultDatabase: ds.database,
      queryTimeout: String(ds.queryTimeoutSeconds),
    },
    secureJsonData: { password },
  };
}

/** The provisioning files and dashboard JSON for `dashboards`. */
export function provisioningFiles(dashboards: readonly Dashboard[], grafana: GrafanaConfig): OutputFile[] {
  const files: OutputFile[] = dashboards.map((d) => ({
    path: join('dashboards', `${d.uid}.json`),
    content: `${JSON.stringify({ ...d, id: null }, null, 2)}\n`,
  }));
  files.push({
    path: join('provisioning', 'dashboards', 'earshot.yaml'),
    content:
      header('Dashboards provider for Earshot (earshot dashboards build).') +
      stringify({
        apiVersion: 1,
        providers: [
          {
            name: 'earshot',
            orgId: grafana.orgId ?? 1,
            folder: grafana.folderTitle,
            folderUid: grafana.folderUid,
            type: 'file',
            disableDeletion: false,
            allowUiUpdates: false,
            updateIntervalSeconds: 60,
            options: { path: grafana.dashboardsPath, foldersFromFilesStructure: false },
          },
        ],
      }),
  });
  const ds = grafana.datasource;
  files.push({
    path: join('provisioning', 'datasources', 'earshot.yaml'),
    content:
      header(
        `ClickHouse datasource for Earshot. Grafana reads the password from $${ds.passwordEnv} when it starts.\n` +
          `The ClickHouse user "${ds.username}" must be read-only and allowed to set max_execution_time.`,
      ) +
      stringify({
        apiVersion: 1,
        datasources: [
          {
            ...datasourceModel(ds, `\${${ds.passwordEnv}}`),
            orgId: grafana.orgId ?? 1,
            isDefault: false,
            editable: false,
          },
        ],
      }),
  });
  return files;
}

function header(text: string): string {
  return `${text
    .split('\n')
    .map((l) => `# ${l}`)
    .join('\n')}\n`;
}

/** Writes `files` under `outDir` (creating folders); returns the absolute paths written. */
export function writeOutputFiles(outDir: string, files: readonly OutputFile[]): string[] {
  return files.map((file) => {
    const path = join(outDir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    return path;
  });
}
