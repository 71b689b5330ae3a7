/**
 * A report as one self-contained HTML document: inline CSS, charts as inline SVG drawn on the server, no
 * script, and a Content-Security-Policy that forbids every fetch, so it opens the same offline, in a mail
 * client or as a PDF. Text goes through the web view's escaping template; the SVG is ECharts' own output
 * (it escapes its labels).
 */
import {
  alertArticle,
  echartsOption,
  formatTime,
  html,
  kpiTiles,
  plainDescription,
  tableSection,
  toHtmlString,
  trustedRendererOutput,
  type ChartModel,
  type SafeHtml,
} from '../web/index.js';
import type { ReportData } from './build.js';
import { REPORT_CSS } from './style.js';
import { renderSvg } from './svg.js';

/** No network, no script: only the inline styles and `data:` images. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function chartFigure(model: ChartModel): SafeHtml {
  const svg = renderSvg(echartsOption(model, { static: true }));
  const points = model.series.reduce((n, s) => n + s.points.filter((p) => p.y !== null).length, 0);
  return html`<figure class="chart" data-panel="${model.panelId}" data-points="${points}">
    <figcaption>
      <strong>${model.title}</strong> <span>${plainDescription(model.description)}</span>
    </figcaption>
    ${points === 0 ? html`<p class="empty">No data in this period.</p>` : trustedRendererOutput(svg)}
  </figure>`;
}

/** The report's HTML text. */
export function renderReportHtml(data: ReportData): string {
  const period = `${formatTime(data.window.from)} – ${formatTime(data.window.to)}`;
  const title = `${data.brand.name}: listening report, ${period}`;
  const doc = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}" />
        <meta name="referrer" content="no-referrer" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          ${trustedRendererOutput(REPORT_CSS)}
        </style>
      </head>
      <body>
        <header class="cover">
          <p class="kicker">Earshot report</p>
          <h1>${data.brand.name}</h1>
          <p class="period">
            ${period}<br />compared with ${formatTime(data.previous.from)} – ${formatTime(data.previous.to)}
          </p>
          <p class="generated">Generated ${formatTime(data.generatedAt)}</p>
        </header>
        <main>
          ${data.kpis ? kpiTiles(data.kpis.panel, data.kpis.rows) : ''}
          <section class="charts">${data.charts.map(chartFigure)}</section>
          ${data.tables.map((t) => tableSection(t))}
          <section class="panel alerts">
            <h2>Alerts of the period</h2>
            ${data.alertsNote ? html`<p class="empty">${data.alertsNote}</p>` : data.alerts.length === 0 ? html`<p class="empty">No alerts in this period.</p>` : data.alerts.map(alertArticle)}
          </section>
          <section class="panel definitions">
            <h2>KPI definitions</h2>
            <dl>
              ${data.definitions.map(
                (d) =>
                  html`<dt>${d.title}</dt>
                    <dd>${plainDescription(d.text)}</dd>`,
              )}
            </dl>
          </section>
        </main>
      </body>
    </html>`;
  return toHtmlString(doc);
}
