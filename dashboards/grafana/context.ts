/** What the dashboards are built from: the configuration's brands and competitors, and the datasource. */
import type { EarshotConfig } from '../../core/config/index.js';

/** The datasource uid the dashboards default to (the provisioned ClickHouse datasource). */
export const DEFAULT_DATASOURCE_UID = 'earshot-clickhouse';

export interface DashboardContext {
  /** Configured brand keys, in config order; the first is the default selection. */
  brands: string[];
  /** Every brand named as someone's competitor, in config order, without repeats. */
  competitors: string[];
  /** Competitors of the first brand: the competitor variable's default selection. */
  defaultCompetitors: string[];
  /** Uid of the datasource the datasource variable starts on. */
  datasourceUid: string;
}

/** The context for `config` (brands and their `competitors`). */
export function dashboardContext(
  config: Pick<EarshotConfig, 'brands'>,
  datasourceUid: string = DEFAULT_DATASOURCE_UID,
): DashboardContext {
  const brands = config.brands.map((b) => b.key);
  const competitors = [...new Set(config.brands.flatMap((b) => b.competitors))];
  return {
    brands,
    competitors,
    defaultCompetitors: config.brands[0]?.competitors ?? [],
    datasourceUid,
  };
}
