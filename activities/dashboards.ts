/**
 * The dashboards publish activity: pushes the dashboards built from the worker's config to Grafana
 * (dashboards/publish.ts). The worker composition builds them and reads the token from the variable named
 * by `grafana.tokenEnv`; the workflow id names a hash of what is published, so each config publishes once.
 */
import { createHash } from 'node:crypto';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { EarshotConfig, GrafanaConfig } from '../core/config/index.js';
import { ConfigError } from '../core/errors.js';
import {
  buildDashboards,
  dashboardContext,
  publishDashboards,
  type PublishResult,
} from '../dashboards/index.js';
import { toActivityFailure } from './errors.js';

/** What one publish sends to Grafana, and the secrets it sends it with. */
export interface DashboardPublishing {
  grafana: GrafanaConfig & { url: string };
  dashboards: readonly Dashboard[];
  /** The service-account token (the value of `grafana.tokenEnv`); unset = the publish fails naming it. */
  token?: string;
  /** Password of Grafana's ClickHouse user, for `grafana.publishDatasource`. */
  datasourcePassword?: string;
}

/** What publishing needs: the publishing of the worker's config, absent without `grafana.url`. */
export interface DashboardDeps {
  dashboards?: DashboardPublishing;
}

/** Per dashboard (and the folder / datasource) whether it was created, updated or left unchanged. */
export type DashboardPublishSummary = PublishResult;

/** The publishing of `config` (its dashboards built), or undefined when `grafana.url` is unset. */
export function dashboardPublishing(
  config: EarshotConfig,
  secrets: { token?: string; datasourcePassword?: string },
): DashboardPublishing | undefined {
  const { url } = config.grafana;
  if (!url) return undefined;
  const dashboards = buildDashboards(dashboardContext(config, config.grafana.datasource.uid));
  return { grafana: { ...config.grafana, url }, dashboards, ...secrets };
}

/**
 * `publish-dashboards:<hash>` over everything that changes what lands in Grafana (the dashboards' JSON,
 * where they go, the datasource settings), never the secrets: a changed config gets a new id.
 */
export function publishDashboardsWorkflowId(publishing: DashboardPublishing): string {
  const { url, orgId, folderUid, folderTitle, publishDatasource, datasource } = publishing.grafana;
  const target = { url, orgId, folderUid, folderTitle, publishDatasource, datasource };
  const hash = createHash('sha256')
    .update(JSON.stringify({ target, dashboards: publishing.dashboards }))
    .digest('hex')
    .slice(0, 16);
  return `publish-dashboards:${hash}`;
}

/** Builds the dashboards activities bound to `deps`. */
export function createDashboardActivities(deps: DashboardDeps) {
  return {
    /** Publishes the worker's dashboards; Grafana's auth / rejected errors fail without retry. */
    async publishDashboards(): Promise<DashboardPublishSummary> {
      try {
        const publishing = deps.dashboards;
        if (!publishing) {
          throw new ConfigError(
            "grafana.url is not set in this worker's config: add it (e.g. grafana: { url: http://localhost:3000 }) to publish dashboards.",
          );
        }
        const { grafana, token } = publishing;
        if (!token) {
          throw new ConfigError(
            `${grafana.tokenEnv} is not set in the worker's environment: export a Grafana service-account token ` +
              `(Editor role; Admin with grafana.publishDatasource) in ${grafana.tokenEnv} and restart the worker.`,
          );
        }
        if (grafana.publishDatasource && publishing.datasourcePassword === undefined) {
          throw new ConfigError(
            `${grafana.datasource.passwordEnv} is not set in the worker's environment: export the password of ` +
              `the ClickHouse user "${grafana.datasource.username}" (or set grafana.publishDatasource: false).`,
          );
        }
        return await publishDashboards(publishing.dashboards, {
          grafana,
          token,
          datasourcePassword: publishing.datasourcePassword,
        });
      } catch (error) {
        throw toActivityFailure(error, 'grafana');
      }
    },
  };
}

/** The dashboards activities, as the publish workflow proxies them. */
export type DashboardActivities = ReturnType<typeof createDashboardActivities>;
