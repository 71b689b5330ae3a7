/**
 * Brand reports: `buildReport` reads the data (panel definitions through a `DataReader`), `renderReportHtml`
 * makes one self-contained HTML document with inline SVG charts, `printPdf` prints it with headless Chromium.
 * Used by `earshot report` and by the scheduled digest activity. Guide: docs/reports.md.
 */
export {
  buildReport,
  REPORT_CHARTS,
  REPORT_KPIS,
  REPORT_TABLES,
  type BuildReportOptions,
  type ReportData,
} from './build.js';
export { renderReportHtml, REPORT_CSP } from './render.js';
export {
  ChromiumMissingError,
  chromiumAvailable,
  CHROMIUM_ARGS,
  DEFAULT_CHROMIUM_PATH,
  printPdf,
} from './pdf.js';
export { renderSvg } from './svg.js';
