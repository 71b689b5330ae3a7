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
import { OVERVIEW_PANELS } from './overview.js';
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

/** Every panel of every dashboard, keyed by nothing: use `panelById`. */
export const PANELS: readonly PanelDefinition[] = [...OVERVIEW_PANELS];

/** The panel with `id`; throws naming the known ids when there is none. */
export function panelById(id: string): PanelDefinition {
  const found = PANELS.find((p) => p.id === id);
  if (!found) throw new Error(`No panel "${id}"; known: ${PANELS.map((p) => p.id).join(', ')}`);
  return found;
}
