/**
 * `grafana:` — where the dashboards are published and how Grafana reaches ClickHouse. Without `url` the
 * dashboards are only written as provisioning files (`earshot dashboards build`); with it,
 * `earshot dashboards publish` (and the publish workflow, on config changes) creates or updates them over
 * Grafana's HTTP API with the service-account token in the variable named by `tokenEnv`.
 */
import { z } from 'zod';
import { EnvVarNameSchema } from './keys.js';

/** The ClickHouse datasource Grafana queries: the read-only `grafana` user on Earshot's database. */
export const GrafanaDatasourceSchema = z.strictObject({
  /** Datasource uid the dashboards default to. @default "earshot-clickhouse" */
  uid: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'use letters, digits, "-" and "_" (at most 40)')
    .default('earshot-clickhouse'),
  /** Datasource name shown in Grafana. @default "Earshot ClickHouse" */
  name: z.string().min(1).default('Earshot ClickHouse'),
  /** ClickHouse host as Grafana sees it (a container name, a hostname). @default "localhost" */
  host: z.string().min(1).default('localhost'),
  /** @default 8123 (HTTP; the native protocol uses 9000) */
  port: z.number().int().min(1).max(65535).default(8123),
  /** @default "http" */
  protocol: z.enum(['http', 'native']).default('http'),
  /** TLS. @default false */
  secure: z.boolean().default(false),
  /** Read-only ClickHouse user allowed to set max_execution_time. @default "grafana" */
  username: z.string().min(1).default('grafana'),
  /** Name of the variable holding that user's password (never the password itself). @default "EARSHOT_GRAFANA_CLICKHOUSE_PASSWORD" */
  passwordEnv: EnvVarNameSchema.default('EARSHOT_GRAFANA_CLICKHOUSE_PASSWORD'),
  /** Earshot's database (the plugin's `defaultDatabase`). @default "earshot" */
  database: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a plain identifier')
    .default('earshot'),
  /** Seconds before Grafana gives up on a query (the plugin's queryTimeout). @default 60 */
  queryTimeoutSeconds: z.number().int().min(1).default(60),
});

export const GrafanaSchema = z.strictObject({
  /** Grafana base URL, e.g. `http://localhost:3000`; unset = do not publish over HTTP. */
  url: z.string().url().optional(),
  /** Name of the variable holding a service-account token (Editor role, or Admin to publish the datasource). @default "GRAFANA_TOKEN" */
  tokenEnv: EnvVarNameSchema.default('GRAFANA_TOKEN'),
  /** Folder the dashboards are published into. @default "earshot" */
  folderUid: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'use letters, digits, "-" and "_" (at most 40)')
    .default('earshot'),
  /** Title of that folder. @default "Earshot" */
  folderTitle: z.string().min(1).default('Earshot'),
  /** Organisation id for multi-org Grafana (sent as X-Grafana-Org-Id). */
  orgId: z.number().int().min(1).optional(),
  /** Also create / update the ClickHouse datasource when publishing (needs an Admin token). @default false */
  publishDatasource: z.boolean().default(false),
  /** Where Grafana finds the dashboard JSON files of `earshot dashboards build` (the provider's path inside Grafana). @default "/var/lib/grafana/dashboards/earshot" */
  dashboardsPath: z.string().min(1).default('/var/lib/grafana/dashboards/earshot'),
  datasource: GrafanaDatasourceSchema.prefault({}),
});

export type GrafanaConfig = z.infer<typeof GrafanaSchema>;
export type GrafanaDatasourceConfig = z.infer<typeof GrafanaDatasourceSchema>;
