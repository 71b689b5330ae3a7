/**
 * Earshot's Grafana dashboards as code: one module per dashboard (a `DashboardSpec` over the shared panel
 * definitions in panels/), built to Grafana JSON with the foundation SDK; provisioning files
 * (provisioning.ts) and the HTTP publisher (publish.ts).
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { ALERTS_DASHBOARD } from './alerts.js';
import { BENCHMARK_DASHBOARD } from './benchmark.js';
import { CUSTOMER_SERVICE_DASHBOARD } from './customer-service.js';
import { buildDashboard, type DashboardSpec } from './grafana/dashboard.js';
import type { DashboardContext } from './grafana/context.js';
import { OVERVIEW_DASHBOARD } from './overview.js';
import { PIPELINE_DASHBOARD } from './pipeline.js';
import { REVIEWS_DASHBOARD } from './reviews.js';

export { buildDashboard, EARSHOT_TAG, type DashboardSpec, type LayoutRow } from './grafana/dashboard.js';
export { DEFAULT_DATASOURCE_UID, dashboardContext, type DashboardContext } from './grafana/context.js';
export { CLICKHOUSE_PLUGIN, CLICKHOUSE_PLUGIN_VERSION } from './grafana/clickhouse-query.js';
export * from './provisioning.js';
export * from './publish.js';

/** Every Earshot dashboard, in the order the links list them. */
export const DASHBOARDS: readonly DashboardSpec[] = [
  OVERVIEW_DASHBOARD,
  BENCHMARK_DASHBOARD,
  CUSTOMER_SERVICE_DASHBOARD,
  REVIEWS_DASHBOARD,
  ALERTS_DASHBOARD,
  PIPELINE_DASHBOARD,
];

/** Every dashboard's JSON for `ctx`. */
export function buildDashboards(ctx: DashboardContext): Dashboard[] {
  return DASHBOARDS.map((spec) => buildDashboard(spec, ctx));
}
