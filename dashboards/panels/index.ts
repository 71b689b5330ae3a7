/**
 * Panel definitions shared by the Grafana dashboards and the built-in web view. Contract in types.ts;
 * `expandPanelSql` turns a panel's SQL into what Grafana would run; storage/panel-query.ts runs it.
 *
 * ```ts
 * import { PANELS, expandPanelSql, grafanaIntervalSeconds } from '../dashboards/panels/index.js';
 * import { runPanelQuery } from '../storage/panel-query.js';
 * const panel = panelById('overview.volume');
 * const from = new Date(Date.now() - 7 * 86_400_000), to = new Date();
 * const sql = expandPanelSql(panel.sql, {
 *   from, to, intervalSeconds: grafanaIntervalSeconds(from, to, { minIntervalSeconds: panel.minIntervalSeconds }),
 *   variables: { brand: ['acme'], source: 'All' },
 * });
 * const result = await runPanelQuery(store, sql); // { columns: [{ name, type }], rows }
 * ```
 */
import { ALERTS_PANELS, ALERT_ANNOTATIONS } from './alerts.js';
import { BENCHMARK_PANELS } from './benchmark.js';
import { CUSTOMER_SERVICE_PANELS } from './customer-service.js';
import { OVERVIEW_PANELS } from './overview.js';
import { PIPELINE_PANELS } from './pipeline.js';
import { REVIEWS_PANELS } from './reviews.js';
import type { PanelDefinition } from './types.js';

export type * from './types.js';
export {
  BACKEND_MACROS,
  PanelSqlError,
  applyConditionalAll,
  expandBackendMacros,
  expandPanelSql,
  replaceTemplateVariables,
  secondsToHms,
} from './expand.js';
export { grafanaIntervalSeconds } from './interval.js';
export { VARIABLES, variable } from './variables.js';
export { KPI } from './sql.js';
export * from './overview.js';
export * from './benchmark.js';
export * from './customer-service.js';
export * from './reviews.js';
export * from './alerts.js';
export * from './pipeline.js';

/** Every panel of every dashboard (and the alert annotation query), in dashboard order. */
export const PANELS: readonly PanelDefinition[] = [
  ...OVERVIEW_PANELS,
  ...BENCHMARK_PANELS,
  ...CUSTOMER_SERVICE_PANELS,
  ...REVIEWS_PANELS,
  ...ALERTS_PANELS,
  ...PIPELINE_PANELS,
  ALERT_ANNOTATIONS,
];

/** The panel with `id`; throws naming the known ids when there is none. */
export function panelById(id: string): PanelDefinition {
  const found = PANELS.find((p) => p.id === id);
  if (!found) throw new Error(`No panel "${id}"; known: ${PANELS.map((p) => p.id).join(', ')}`);
  return found;
}
