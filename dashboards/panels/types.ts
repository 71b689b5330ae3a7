/**
 * The panel definition contract shared by the Grafana dashboards (dashboards/*.ts) and the built-in web view:
 * one `PanelDefinition` per chart or table, holding its ClickHouse SQL written for the Grafana ClickHouse
 * plugin (its macros and Grafana's template variables), the KPI definition shown to readers, and the shape of
 * the result. Grafana runs the SQL itself; the web view (and the tests) expand it with `expandPanelSql`
 * (expand.ts) exactly as the plugin and Grafana would, then run it read-only with storage's
 * `runPanelQuery` (storage/panel-query.ts).
 */

/** How a panel draws its result. The web view maps each to a chart type; Grafana to a panel plugin. */
export type PanelVisual =
  /** Lines over time, one series per label value (long format: time, labels…, numbers…). */
  | 'timeseries'
  /** Bars over time, one series per label value. */
  | 'bars-over-time'
  /** Stacked areas over time, each point normalised to 100 % (share of voice, sentiment mix). */
  | 'stacked-percent'
  /** Bars per category (first string column), one bar group per numeric column. */
  | 'bar'
  /** Rows and columns; `url` columns are links. */
  | 'table'
  /** Single numbers, one per numeric column of the (one-row) result. */
  | 'stat'
  /** A matrix: x = first string column, y = second string column, colour = the numeric column. */
  | 'heatmap'
  /** Slices per category (first string column) sized by the numeric column. */
  | 'pie';

/** Kind of a result column, as a renderer needs it. */
export type ColumnKind =
  /** A timestamp (ClickHouse DateTime / DateTime64, UTC). */
  | 'time'
  /** A number (counts come back from ClickHouse as strings: 64-bit integers; parse them). */
  | 'number'
  /** Free text or a category. In a time series, a string column is a series label (brand, aspect, …). */
  | 'string'
  /** A link to the record on its source; untrusted: render as an escaped href. */
  | 'url';

/** One column of a panel's result, in result order. */
export interface ColumnSpec {
  /** Column name (alias) in the SQL. */
  name: string;
  kind: ColumnKind;
  /** Grafana unit id, e.g. `short`, `percent`, `percentunit`, `ms`, `none`. */
  unit?: string;
  /** What the column holds, for tooltips and docs. */
  description?: string;
}

/** A panel: what it shows, how to compute it, how to draw it. */
export interface PanelDefinition {
  /** Stable id `<dashboard>.<panel>`, e.g. `overview.volume`. Never reuse an id for something else. */
  id: string;
  title: string;
  /** The KPI's definition and formula, shown in Grafana's panel info and in the web view. Markdown. */
  description: string;
  visual: PanelVisual;
  /** What the plugin returns: `time_series` (format 0, long frames turned wide) or `table` (format 1). */
  format: 'time_series' | 'table';
  /**
   * ClickHouse SQL using the plugin's macros (`$__timeFilter(col)`, `$__fromTime`, `$__toTime`,
   * `$__timeInterval(col)`, `$__interval_s`, `$__conditionalAll(cond, $var)`) and template variables
   * (`${brand:singlequote}`, …). Unqualified table names: the datasource's `defaultDatabase` is Earshot's.
   * Time series must `ORDER BY time` ascending (the plugin's long-to-wide conversion needs it).
   */
  sql: string;
  /** The result's columns, in order. Tests check every query's result against this list. */
  columns: ColumnSpec[];
  /** Template variables the SQL uses (names of `VARIABLES`), so a renderer knows which filters apply. */
  variables: VariableName[];
  /**
   * Smallest sensible bucket in seconds (Grafana's "min interval"): the aggregate tables are hourly, so
   * buckets below an hour would only show empty gaps. Absent for panels without buckets.
   */
  minIntervalSeconds?: number;
}

/** The dashboard variables panels may use. */
export type VariableName = 'brand' | 'competitor' | 'source' | 'aspect';

/** A dashboard template variable, as both Grafana and the web view present it. */
export interface VariableDefinition {
  name: VariableName;
  label: string;
  description: string;
  /** Several values may be selected. */
  multi: boolean;
  /** An "All" option exists. Every Earshot variable leaves `allValue` unset: All means every option. */
  includeAll: boolean;
  /**
   * SQL listing the options (one column), for a query variable; absent for variables whose options come
   * from the configuration (`competitor`).
   */
  optionsSql?: string;
}

/** The value of one variable as a user picked it: some options, or All. */
export type VariableValue = readonly string[] | 'All';

/** Everything needed to turn a panel's SQL into the statement Grafana would send to ClickHouse. */
export interface ExpandContext {
  /** Start of the dashboard's time range. */
  from: Date;
  /** End of the dashboard's time range. */
  to: Date;
  /** Grafana's interval for the panel, in seconds (see `grafanaIntervalSeconds`). */
  intervalSeconds: number;
  /** Current value of each variable the SQL uses. */
  variables: Partial<Record<string, VariableValue>>;
  /**
   * Every option of a variable, needed only when a variable set to All is used outside
   * `$__conditionalAll` (Grafana then substitutes all options).
   */
  options?: Partial<Record<string, readonly string[]>>;
}
