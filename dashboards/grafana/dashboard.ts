/**
 * Assembles an Earshot dashboard from panel definitions: the shared variables (datasource, brand,
 * competitor, source, aspect), the links to the other Earshot dashboards, the alert annotations, and
 * rows of panels laid out left to right on Grafana's 24-column grid.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import {
  AnnotationQueryBuilder,
  CustomVariableBuilder,
  DashboardBuilder,
  DashboardCursorSync,
  DashboardLinkBuilder,
  DashboardLinkType,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  RowBuilder,
  VariableRefresh,
  VariableSort,
  type Dashboard,
  type Panel,
  type VariableModel,
  type VariableOption,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TextPanel, TextMode } from '@grafana/grafana-foundation-sdk/text';
import { ALERT_ANNOTATIONS } from '../panels/alerts.js';
import type { PanelDefinition, VariableName } from '../panels/types.js';
import { variable as variableDefinition } from '../panels/variables.js';
import { CLICKHOUSE_PLUGIN, ClickHouseQueryBuilder } from './clickhouse-query.js';
import type { DashboardContext } from './context.js';
import { DATASOURCE, grafanaPanel, type GridPos } from './panel.js';

/** Tag every Earshot dashboard carries; the dashboard links list dashboards by it. */
export const EARSHOT_TAG = 'earshot';

/** A Markdown note in the layout (e.g. where later panels will go). */
export interface NoteCell {
  note: string;
  title: string;
}

/** One cell of the layout: a panel (or note) and its size on the grid. */
export type LayoutCell = [PanelDefinition | NoteCell, number, number];

/** A row of the layout; a title makes it a Grafana row header. */
export interface LayoutRow {
  title?: string;
  cells: LayoutCell[];
}

/** What one dashboard module declares. */
export interface DashboardSpec {
  /** Stable, ≤ 40 characters: the dashboard's URL and the publisher's key. */
  uid: string;
  title: string;
  description: string;
  /** Default time range, e.g. `now-7d`. */
  from: string;
  refresh: string;
  variables: VariableName[];
  rows: LayoutRow[];
  /** Mark alerts on the time series. */
  alertAnnotations: boolean;
}

const ALL: VariableOption = { selected: true, text: ['All'], value: ['$__all'] };

function selection(values: readonly string[]): VariableOption {
  return values.length === 0 ? ALL : { selected: true, text: [...values], value: [...values] };
}

function variableBuilder(name: VariableName, ctx: DashboardContext): cog.Builder<VariableModel> {
  const def = variableDefinition(name);
  if (name === 'competitor') {
    return new CustomVariableBuilder(def.name)
      .label(def.label)
      .description(def.description)
      .values(ctx.competitors.join(','))
      .options(
        ctx.competitors.map((c) => ({ text: c, value: c, selected: ctx.defaultCompetitors.includes(c) })),
      )
      .multi(def.multi)
      .includeAll(def.includeAll)
      .current(selection(ctx.defaultCompetitors));
  }
  return new QueryVariableBuilder(def.name)
    .label(def.label)
    .description(def.description)
    .datasource(DATASOURCE)
    .query({ editorType: 'sql', rawSql: def.optionsSql ?? '', format: 1 })
    .definition(def.optionsSql ?? '')
    .refresh(VariableRefresh.OnDashboardLoad)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(def.multi)
    .includeAll(def.includeAll)
    .current(name === 'brand' && ctx.brands[0] ? selection([ctx.brands[0]]) : ALL);
}

function noteCell(cell: NoteCell, pos: GridPos, id: number): cog.Builder<Panel> {
  return new TextPanel().id(id).title(cell.title).gridPos(pos).mode(TextMode.Markdown).content(cell.note);
}

/** The dashboard JSON for `spec`. */
export function buildDashboard(spec: DashboardSpec, ctx: DashboardContext): Dashboard {
  const builder = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([EARSHOT_TAG])
    .time({ from: spec.from, to: 'now' })
    .refresh(spec.refresh)
    .timezone('browser')
    .tooltip(DashboardCursorSync.Crosshair)
    .editable()
    .link(
      new DashboardLinkBuilder('Earshot dashboards')
        .type(DashboardLinkType.Dashboards)
        .tags([EARSHOT_TAG])
        .asDropdown(true)
        .includeVars(true)
        .keepTime(true),
    )
    .withVariable(
      new DatasourceVariableBuilder('datasource')
        .label('Data source')
        .type(CLICKHOUSE_PLUGIN)
        .current({ selected: true, text: 'Earshot ClickHouse', value: ctx.datasourceUid }),
    );
  for (const name of spec.variables) builder.withVariable(variableBuilder(name, ctx));
  if (spec.alertAnnotations) {
    builder.annotation(
      new AnnotationQueryBuilder()
        .name('Earshot alerts')
        .datasource(DATASOURCE)
        .enable(true)
        .iconColor('red')
        .target(new ClickHouseQueryBuilder(ALERT_ANNOTATIONS.sql).refId('Anno').format('table')),
    );
  }
  let id = 1;
  let y = 0;
  for (const row of spec.rows) {
    if (row.title) {
      builder.withRow(new RowBuilder(row.title).id(id++).gridPos({ x: 0, y, w: 24, h: 1 }));
      y += 1;
    }
    let x = 0;
    let rowHeight = 0;
    for (const [cell, w, h] of row.cells) {
      if (x + w > 24) {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
      }
      const pos = { x, y, w, h };
      builder.withPanel('note' in cell ? noteCell(cell, pos, id++) : grafanaPanel(cell, pos, id++));
      x += w;
      rowHeight = Math.max(rowHeight, h);
    }
    y += rowHeight;
  }
  // Plain JSON, exactly what is written and posted (the SDK's query objects carry a marker method).
  return JSON.parse(JSON.stringify(builder.build())) as Dashboard;
}
