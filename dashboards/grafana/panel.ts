/**
 * A panel definition (dashboards/panels) as a Grafana panel: the visual picks the panel plugin and its
 * options, the SQL becomes a ClickHouse target on the dashboard's `${datasource}`, the KPI definition the
 * panel description, column units field overrides, `url` columns links.
 */
import { PanelBuilder as BarchartPanel } from '@grafana/grafana-foundation-sdk/barchart';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import {
  BigValueGraphMode,
  GraphDrawStyle,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  StackingConfigBuilder,
  StackingMode,
  TableCellBackgroundDisplayMode,
  TableCellDisplayMode,
  VizLegendOptionsBuilder,
  type DataSourceRef,
} from '@grafana/grafana-foundation-sdk/common';
import {
  FieldColorBuilder,
  FieldColorModeId,
  type DataTransformerConfig,
  type DynamicConfigValue,
  type Panel,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as PiechartPanel } from '@grafana/grafana-foundation-sdk/piechart';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { secondsToHms } from '../panels/expand.js';
import type { PanelDefinition } from '../panels/types.js';
import { ClickHouseQueryBuilder } from './clickhouse-query.js';

/** Where a panel sits on the 24-column grid. */
export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The dashboards' datasource: whatever the `datasource` variable points to. */
export const DATASOURCE: DataSourceRef = { type: 'grafana-clickhouse-datasource', uid: '${datasource}' };

/** The builder methods every panel plugin's builder shares. */
interface CommonPanelBuilder<B> extends cog.Builder<Panel> {
  id(id: number): B;
  title(title: string): B;
  description(description: string): B;
  datasource(ds: DataSourceRef): B;
  gridPos(pos: GridPos): B;
  withTarget(target: cog.Builder<cog.Dataquery>): B;
  interval(interval: string): B;
  unit(unit: string): B;
  overrideByName(name: string, properties: DynamicConfigValue[]): B;
  withTransformation(t: DataTransformerConfig): B;
}

const legend = () =>
  new VizLegendOptionsBuilder()
    .showLegend(true)
    .displayMode(LegendDisplayMode.List)
    .placement(LegendPlacement.Bottom)
    .calcs([]);

function pluginFor(def: PanelDefinition): CommonPanelBuilder<unknown> {
  switch (def.visual) {
    case 'timeseries':
      return new TimeseriesPanel().legend(legend()).lineWidth(2).fillOpacity(10).spanNulls(false);
    case 'bars-over-time':
      return new TimeseriesPanel()
        .legend(legend())
        .drawStyle(GraphDrawStyle.Bars)
        .fillOpacity(80)
        .stacking(new StackingConfigBuilder().mode(StackingMode.Normal));
    case 'stacked-percent':
      return new TimeseriesPanel()
        .legend(legend())
        .fillOpacity(70)
        .stacking(new StackingConfigBuilder().mode(StackingMode.Percent));
    case 'bar': {
      const x = def.columns.find((c) => c.kind === 'string');
      const bar = new BarchartPanel().legend(legend());
      return x ? bar.xField(x.name) : bar;
    }
    case 'stat':
      return new StatPanel()
        .graphMode(BigValueGraphMode.None)
        .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false).fields(''));
    case 'pie':
      return new PiechartPanel().reduceOptions(
        new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(true).fields(''),
      );
    case 'heatmap':
      return heatmapTable(def);
    case 'table':
      return new TablePanel();
  }
}

/**
 * Grafana's heatmap panel needs a time or numeric x axis; a category × category matrix (brand × aspect,
 * weekday × hour) is a table: `groupingToMatrix` pivots the long result, cells coloured by value.
 */
function heatmapTable(def: PanelDefinition): CommonPanelBuilder<unknown> {
  const [x, y] = def.columns.filter((c) => c.kind === 'string');
  const value = def.columns.find((c) => c.kind === 'number');
  return (
    new TablePanel()
      .withTransformation({
        id: 'groupingToMatrix',
        options: { columnField: x?.name, rowField: y?.name, valueField: value?.name, emptyValue: 'null' },
      })
      // mode and applyToRow also pick the colour-background variant out of the schema's un-discriminated oneOf
      .cellOptions({
        type: TableCellDisplayMode.ColorBackground,
        mode: TableCellBackgroundDisplayMode.Gradient,
        applyToRow: false,
      })
      .colorScheme(new FieldColorBuilder().mode(FieldColorModeId.ContinuousGrYlRd))
  );
}

/** The Grafana panel for `def` at `pos`; `id` must be unique in the dashboard (links to a panel use it). */
export function grafanaPanel(def: PanelDefinition, pos: GridPos, id: number): cog.Builder<Panel> {
  const panel = pluginFor(def) as CommonPanelBuilder<unknown>;
  panel.id(id);
  panel.title(def.title);
  panel.description(def.description);
  panel.datasource(DATASOURCE);
  panel.gridPos(pos);
  panel.withTarget(new ClickHouseQueryBuilder(def.sql).refId('A').datasource(DATASOURCE).format(def.format));
  if (def.minIntervalSeconds) panel.interval(secondsToHms(def.minIntervalSeconds));
  const numbers = def.columns.filter((c) => c.kind === 'number' && c.unit);
  const mainUnit = numbers[0]?.unit;
  if (mainUnit) panel.unit(mainUnit);
  for (const column of numbers) {
    if (column.unit !== mainUnit) panel.overrideByName(column.name, [{ id: 'unit', value: column.unit }]);
  }
  for (const column of def.columns.filter((c) => c.kind === 'url')) {
    panel.overrideByName(column.name, [
      { id: 'links', value: [{ title: 'Open on the source', url: '${__value.raw}', targetBlank: true }] },
    ]);
  }
  const evidence = def.columns.find((c) => c.name === 'evidence');
  if (evidence) {
    panel.overrideByName(evidence.name, [{ id: 'custom.cellOptions', value: { type: 'json-view' } }]);
  }
  return panel;
}
