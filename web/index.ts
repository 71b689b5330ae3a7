/**
 * The built-in web dashboard (`earshot up` mounts `createWebView(...).routes` under `/ui/`) and the pieces the
 * reports share with it: running panel definitions, the chart model, the ECharts option, the escaping
 * template and the number formats. Guide: docs/web-view.md.
 */
export { createWebView, type WebView, type WebViewOptions } from './view.js';
export { rotateWebViewSecrets, WEB_VIEW_FILE, type WebViewSecrets } from './session.js';
export { storeReader, type DataReader } from './reader.js';
export { runPanel, panelSql, panelInterval, type PanelScope } from './panel-run.js';
export {
  chartModel,
  columnLabel,
  pointCount,
  toEpochMs,
  type ChartModel,
  type PanelResult,
} from './chart-model.js';
export { echartsOption, type EChartsOptionJson } from './echarts-option.js';
export {
  escapeHtml,
  html,
  jsonForScript,
  toHtmlString,
  trustedRendererOutput,
  type SafeHtml,
} from './html.js';
export { formatDelta, formatTime, formatValue } from './format.js';
export { previousWindow, windowFromQuery, type TimeWindow } from './range.js';
export { safeExternalUrl } from './links.js';
export { kpiTiles, plainDescription, tableSection } from './pages/sections.js';
export { alertArticle, readAlerts } from './pages/alerts.js';
