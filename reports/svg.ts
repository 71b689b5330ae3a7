/**
 * Server-side chart drawing for reports: ECharts' SSR mode renders an option (the same JSON the web view sends
 * to the browser) to an SVG string, with no browser and no DOM.
 */
import * as echarts from 'echarts';
import type { EChartsOptionJson } from '../web/index.js';

/** The option drawn as a standalone `<svg>` of `width` × `height` pixels. */
export function renderSvg(option: EChartsOptionJson, width = 680, height = 280): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option as echarts.EChartsCoreOption);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
