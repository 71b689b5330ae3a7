/**
 * A panel's query result as something to draw: series of points (each with the drill-down link to the
 * mentions behind it), categories, or single numbers. Built from the panel definition's visual and column
 * list alone, so every panel of dashboards/panels is drawn without per-panel code; the browser (ECharts) and
 * the report (ECharts' server-side SVG) draw the same model.
 */
import type { ColumnSpec, PanelDefinition, PanelVisual } from '../dashboards/panels/types.js';

/** A result as storage returns it: columns and rows of JSON values. */
export interface PanelResult {
  columns: Array<{ name: string; type: string }>;
  rows: unknown[][];
}

/** Filters of a mention list (the drill-down of a point): what the point counted. */
export interface DrillFilter {
  brand?: string;
  from?: number;
  to?: number;
  label?: string;
  aspect?: string;
  sourceId?: string;
  kind?: string;
}

/** One point: x is epoch ms (time series) or a category; y a number (null: no value). */
export interface ChartPoint {
  x: number | string;
  y: number | null;
  drill?: DrillFilter;
}

/** One line, bar group or slice set. */
export interface ChartSeries {
  name: string;
  points: ChartPoint[];
}

/** What a chart shows, independent of the drawing library. */
export interface ChartModel {
  panelId: string;
  title: string;
  description: string;
  visual: PanelVisual;
  /** Grafana unit id of the plotted numbers (`short`, `percent`, `percentunit`, …). */
  unit: string;
  series: ChartSeries[];
  /** Table panels: the rows, as text; url columns flagged. */
  table?: { columns: ColumnSpec[]; rows: string[][] };
}

/** Context every point's drill-down inherits: the page's brand and window, the series' bucket. */
export interface ModelContext {
  brand: string;
  from: number;
  to: number;
  intervalSeconds: number;
  /** Display names of brand keys (labels show names, drill-downs keep keys). */
  brandNames?: Readonly<Record<string, string>>;
}

const LABELS = new Set(['positive', 'neutral', 'negative', 'unscored']);

/**
 * A time cell as epoch ms: a number is already epoch ms (storage's `runPanelQuery` converts time columns),
 * text is ClickHouse's `YYYY-MM-DD hh:mm:ss[.sss]` in UTC (a result read as plain JSON).
 */
export function toEpochMs(value: unknown): number {
  if (typeof value === 'number') return value;
  const text = String(value);
  if (/^\d+$/.test(text)) return Number(text);
  return Date.parse(`${text.replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(text) ? '' : 'Z'}`);
}

const toNumber = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

/** `net_sentiment` → `net sentiment`: a column name as a legend label. */
export function columnLabel(name: string): string {
  return name.replace(/_/g, ' ');
}

/** The drill-down filter a column value stands for, by the column's name. */
function filterOf(column: string, value: string): DrillFilter {
  switch (column) {
    case 'brand':
    case 'competitor':
      return { brand: value };
    case 'aspect':
      return { aspect: value };
    case 'label':
    case 'sentiment':
      return LABELS.has(value) ? { label: value } : {};
    case 'source_id':
      return { sourceId: value };
    case 'kind':
      return { kind: value };
    default:
      return {};
  }
}

/** A numeric column named after a sentiment label (sentiment mix) drills into that label. */
const numberFilter = (column: string): DrillFilter => (LABELS.has(column) ? { label: column } : {});

function displayName(column: string, value: string, ctx: ModelContext): string {
  return column === 'brand' || column === 'competitor' ? (ctx.brandNames?.[value] ?? value) : value;
}

/** Builds the model of `panel` from its `result`. Columns are matched by name against the definition. */
export function chartModel(panel: PanelDefinition, result: PanelResult, ctx: ModelContext): ChartModel {
  const index = new Map(result.columns.map((c, i) => [c.name, i]));
  const spec = panel.columns.filter((c) => index.has(c.name));
  const at = (row: unknown[], name: string): unknown => row[index.get(name) as number];
  const numbers = spec.filter((c) => c.kind === 'number');
  const strings = spec.filter((c) => c.kind === 'string');
  const time = spec.find((c) => c.kind === 'time');
  const unit = numbers[0]?.unit ?? 'short';
  const base = {
    panelId: panel.id,
    title: panel.title,
    description: panel.description,
    visual: panel.visual,
    unit,
  };
  const window: DrillFilter = { brand: ctx.brand, from: ctx.from, to: ctx.to };

  if (panel.visual === 'table') {
    const rows = result.rows.map((row) =>
      spec.map((c) => displayName(c.name, String(at(row, c.name) ?? ''), ctx)),
    );
    return { ...base, series: [], table: { columns: spec, rows } };
  }

  if (time && ['timeseries', 'bars-over-time', 'stacked-percent'].includes(panel.visual)) {
    const bucket = ctx.intervalSeconds * 1000;
    const byName = new Map<string, ChartSeries>();
    for (const row of result.rows) {
      const t = toEpochMs(at(row, time.name));
      const labelParts = strings.map((c) => displayName(c.name, String(at(row, c.name)), ctx));
      const labelFilter = Object.assign({}, ...strings.map((c) => filterOf(c.name, String(at(row, c.name)))));
      for (const n of numbers) {
        const suffix = numbers.length > 1 || labelParts.length === 0 ? [columnLabel(n.name)] : [];
        const name = [...labelParts, ...suffix].join(' · ');
        const series = byName.get(name) ?? { name, points: [] };
        byName.set(name, series);
        series.points.push({
          x: t,
          y: toNumber(at(row, n.name)),
          drill: {
            ...window,
            from: t,
            to: Math.min(t + bucket, ctx.to),
            ...labelFilter,
            ...numberFilter(n.name),
          },
        });
      }
    }
    return { ...base, series: [...byName.values()] };
  }

  if (panel.visual === 'stat') {
    const row = result.rows[0] ?? [];
    return {
      ...base,
      series: numbers.map((n) => ({
        name: columnLabel(n.name),
        points: [{ x: n.name, y: toNumber(at(row, n.name)) }],
      })),
    };
  }

  // bar, pie, heatmap: categories from the first string column.
  const category = strings[0];
  const categoryName = (row: unknown[]): string => (category ? String(at(row, category.name)) : panel.title);
  if (panel.visual === 'heatmap' && strings[1]) {
    const second = strings[1];
    const value = numbers[0];
    const series: ChartSeries[] = [];
    const byName = new Map<string, ChartSeries>();
    for (const row of result.rows) {
      const y = String(at(row, second.name));
      const s = byName.get(y) ?? { name: displayName(second.name, y, ctx), points: [] };
      if (!byName.has(y)) series.push(s);
      byName.set(y, s);
      const x = categoryName(row);
      s.points.push({
        x: displayName(category!.name, x, ctx),
        y: value ? toNumber(at(row, value.name)) : null,
        drill: { ...window, ...filterOf(category!.name, x), ...filterOf(second.name, y) },
      });
    }
    return { ...base, series };
  }
  return {
    ...base,
    series: numbers.map((n) => ({
      name: columnLabel(n.name),
      points: result.rows.map((row) => {
        const x = categoryName(row);
        return {
          x: category ? displayName(category.name, x, ctx) : x,
          y: toNumber(at(row, n.name)),
          drill: { ...window, ...(category ? filterOf(category.name, x) : {}), ...numberFilter(n.name) },
        };
      }),
    })),
  };
}

/** How many plotted points carry a value. */
export function pointCount(model: ChartModel): number {
  if (model.table) return model.table.rows.length;
  return model.series.reduce((n, s) => n + s.points.filter((p) => p.y !== null).length, 0);
}
