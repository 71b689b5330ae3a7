/**
 * A `ChartModel` as an Apache ECharts option: plain JSON (no functions), so the server builds it once and the
 * browser (`echarts.init(...).setOption`) and the report's server-side SVG renderer draw the same thing.
 * Each data item carries `href`, the drill-down link of its point, which the browser follows on click.
 */
import type { ChartModel, DrillFilter } from './chart-model.js';

/** An ECharts option object (kept loose: ECharts' own types are large and the option is JSON). */
export type EChartsOptionJson = Record<string, unknown>;

/** Colours, chosen for contrast on white and to stay apart for the common colour-vision deficiencies. */
export const PALETTE = [
  '#2f6fdb',
  '#e07b00',
  '#2a9d5b',
  '#c43c5c',
  '#7b57c9',
  '#6b7785',
  '#0f9bb4',
  '#b8860b',
];
/** Sentiment labels keep one colour everywhere. */
const LABEL_COLOURS: Record<string, string> = {
  positive: '#2a9d5b',
  neutral: '#9aa4ae',
  negative: '#c43c5c',
  unscored: '#d8dde2',
};

/** Options of `echartsOption`. */
export interface OptionSettings {
  /** The drill-down link of a point; absent (the report): points link nowhere. */
  href?: (filter: DrillFilter) => string;
  /** Draw for print: no tooltips, no hover effects. @default false */
  static?: boolean;
}

const percentUnit = (unit: string): 'fraction' | 'percent' | undefined =>
  unit === 'percentunit' ? 'fraction' : unit === 'percent' ? 'percent' : undefined;

/** The value as plotted: fractions become percentages so axes read 0–100 %. */
function plotted(y: number | null, unit: string): number | null {
  if (y === null) return null;
  return percentUnit(unit) === 'fraction' ? Math.round(y * 10_000) / 100 : Math.round(y * 1000) / 1000;
}

function colourOf(name: string, i: number): string {
  return LABEL_COLOURS[name.split(' · ').pop() ?? ''] ?? PALETTE[i % PALETTE.length]!;
}

/** The ECharts option of `model`. */
export function echartsOption(model: ChartModel, settings: OptionSettings = {}): EChartsOptionJson {
  const href = settings.href;
  const isPercent = percentUnit(model.unit) !== undefined || model.visual === 'stacked-percent';
  const axisLabel = isPercent ? { formatter: '{value} %' } : {};
  const common: EChartsOptionJson = {
    animation: false,
    aria: { enabled: true, decal: { show: false } },
    color: model.series.map((s, i) => colourOf(s.name, i)),
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
    ...(settings.static
      ? {}
      : { tooltip: { trigger: model.visual === 'pie' ? 'item' : 'axis', confine: true } }),
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
  };
  const item = (p: ChartModel['series'][number]['points'][number], value: unknown): EChartsOptionJson =>
    href && p.drill ? { value, href: href(p.drill) } : { value };

  if (model.visual === 'pie') {
    const series = model.series[0];
    return {
      ...common,
      color: (series?.points ?? []).map((p, i) => colourOf(String(p.x), i)),
      series: [
        {
          type: 'pie',
          name: model.title,
          radius: ['40%', '70%'],
          label: { formatter: '{b}: {d} %' },
          data: (series?.points ?? []).map((p) => ({
            ...item(p, plotted(p.y, model.unit)),
            name: String(p.x),
          })),
        },
      ],
    };
  }

  const overTime = ['timeseries', 'bars-over-time', 'stacked-percent'].includes(model.visual);
  if (overTime) {
    // Stacked percent: each point as its share of the bucket's total, so the stack always reaches 100 %.
    const totals = new Map<number, number>();
    if (model.visual === 'stacked-percent') {
      for (const s of model.series)
        for (const p of s.points) totals.set(p.x as number, (totals.get(p.x as number) ?? 0) + (p.y ?? 0));
    }
    return {
      ...common,
      xAxis: { type: 'time' },
      yAxis: { type: 'value', axisLabel, ...(model.visual === 'stacked-percent' ? { max: 100 } : {}) },
      series: model.series.map((s) => ({
        type: model.visual === 'bars-over-time' ? 'bar' : 'line',
        name: s.name,
        showSymbol: s.points.length < 60,
        symbolSize: 6,
        ...(model.visual === 'stacked-percent' ? { stack: 'total', areaStyle: {} } : {}),
        data: s.points.map((p) => {
          const total = totals.get(p.x as number);
          const y =
            model.visual === 'stacked-percent'
              ? total
                ? Math.round(((p.y ?? 0) / total) * 10_000) / 100
                : 0
              : plotted(p.y, model.unit);
          return item(p, [p.x, y]);
        }),
      })),
    };
  }

  if (model.visual === 'heatmap') {
    const xs = [...new Set(model.series.flatMap((s) => s.points.map((p) => String(p.x))))];
    const ys = model.series.map((s) => s.name);
    const values = model.series.flatMap((s) => s.points.map((p) => plotted(p.y, model.unit) ?? 0));
    return {
      ...common,
      xAxis: { type: 'category', data: xs },
      yAxis: { type: 'category', data: ys },
      visualMap: {
        min: Math.min(0, ...values),
        max: Math.max(1, ...values),
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: ['#f4f6f8', '#f0b3b3', '#c43c5c'] },
      },
      grid: { ...(common.grid as object), bottom: 70 },
      legend: { show: false },
      series: [
        {
          type: 'heatmap',
          label: { show: xs.length * ys.length <= 60 },
          name: model.title,
          data: model.series.flatMap((s, yi) =>
            s.points.map((p) => item(p, [xs.indexOf(String(p.x)), yi, plotted(p.y, model.unit)])),
          ),
        },
      ],
    };
  }

  // bar (categories) and stat (one bar per number, should one be charted).
  const categories = [...new Set(model.series.flatMap((s) => s.points.map((p) => String(p.x))))];
  return {
    ...common,
    xAxis: { type: 'value', axisLabel },
    yAxis: { type: 'category', data: categories, inverse: true },
    series: model.series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: categories.map((c) => {
        const p = s.points.find((q) => String(q.x) === c);
        return p ? item(p, plotted(p.y, model.unit)) : { value: null };
      }),
    })),
  };
}
