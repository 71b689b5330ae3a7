/**
 * Runs a panel definition of dashboards/panels for the web view or a report: the variables from the picked
 * brand (alone, or with its competitors for the benchmark charts) and window, the bucket Grafana would choose,
 * the SQL expanded exactly as Grafana would send it, then read-only through the `DataReader`.
 */
import { expandPanelSql, grafanaIntervalSeconds, type PanelDefinition } from '../dashboards/panels/index.js';
import { chartModel, type ChartModel } from './chart-model.js';
import type { DataReader } from './reader.js';
import type { TimeWindow } from './range.js';

/** The brands a panel is asked about. */
export interface PanelScope {
  /** The brand the page is about. */
  brand: string;
  /** Its configured competitors; included when `withCompetitors`. */
  competitors: readonly string[];
  /** Show the brand beside its competitors (benchmark charts). @default false */
  withCompetitors?: boolean;
  /** Brand key → display name. */
  brandNames: Readonly<Record<string, string>>;
}

/** Roughly the width in pixels of a chart: Grafana's data points per panel, which sets the bucket. */
const CHART_POINTS = 200;

/** The bucket (seconds) of `panel` over `w`, as Grafana would pick it for a chart this wide. */
export function panelInterval(panel: PanelDefinition, w: TimeWindow): number {
  return grafanaIntervalSeconds(new Date(w.from), new Date(w.to), {
    maxDataPoints: CHART_POINTS,
    minIntervalSeconds: panel.minIntervalSeconds,
  });
}

/** The statement the panel runs for `scope` over `w` (what Grafana would send to ClickHouse). */
export function panelSql(panel: PanelDefinition, scope: PanelScope, w: TimeWindow): string {
  const brands = scope.withCompetitors ? [scope.brand, ...scope.competitors] : [scope.brand];
  return expandPanelSql(panel.sql, {
    from: new Date(w.from),
    to: new Date(w.to),
    intervalSeconds: panelInterval(panel, w),
    variables: {
      brand: brands,
      competitor: scope.withCompetitors && scope.competitors.length > 0 ? scope.competitors : [scope.brand],
      source: 'All',
      aspect: 'All',
    },
  });
}

/** Runs `panel` and returns its chart model. Throws what the reader throws (a refused or failed query). */
export async function runPanel(
  reader: DataReader,
  panel: PanelDefinition,
  scope: PanelScope,
  w: TimeWindow,
): Promise<ChartModel> {
  const result = await reader.panel(panelSql(panel, scope, w));
  return chartModel(panel, result, {
    brand: scope.brand,
    from: w.from,
    to: w.to,
    intervalSeconds: panelInterval(panel, w),
    brandNames: scope.brandNames,
  });
}
