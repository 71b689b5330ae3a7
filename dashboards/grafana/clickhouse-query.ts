/**
 * The ClickHouse plugin's query model (grafana-clickhouse-datasource v4.20, src/types/sql.ts) as a
 * foundation-SDK data query: the SDK has no ClickHouse (or raw SQL) query type of its own.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

/** The plugin's datasource type id. */
export const CLICKHOUSE_PLUGIN = 'grafana-clickhouse-datasource';
/** Plugin version the panel targets are written for (sent as `pluginVersion`). */
export const CLICKHOUSE_PLUGIN_VERSION = '4.20.0';

/** A raw-SQL target of the ClickHouse plugin. */
export interface ClickHouseQuery extends cog.Dataquery {
  refId?: string;
  hide?: boolean;
  datasource?: DataSourceRef;
  editorType: 'sql' | 'builder';
  rawSql: string;
  /** sqlds result format: 0 time series (long frames turned wide), 1 table, 2 logs, 3 traces. */
  format?: 0 | 1 | 2 | 3;
  queryType?: 'timeseries' | 'table' | 'logs' | 'traces';
  pluginVersion?: string;
}

export class ClickHouseQueryBuilder implements cog.Builder<ClickHouseQuery> {
  private readonly query: ClickHouseQuery;

  constructor(sql: string) {
    this.query = {
      editorType: 'sql',
      rawSql: sql,
      pluginVersion: CLICKHOUSE_PLUGIN_VERSION,
      _implementsDataqueryVariant() {},
    };
  }

  refId(refId: string): this {
    this.query.refId = refId;
    return this;
  }

  datasource(ref: DataSourceRef): this {
    this.query.datasource = ref;
    return this;
  }

  format(format: 'time_series' | 'table'): this {
    this.query.format = format === 'time_series' ? 0 : 1;
    this.query.queryType = format === 'time_series' ? 'timeseries' : 'table';
    return this;
  }

  build(): ClickHouseQuery {
    return this.query;
  }
}
