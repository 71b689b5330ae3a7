/**
 * Building blocks of the pages: a chart placeholder the browser script fills (with a data table beside it for
 * keyboards and screen readers), KPI tiles against the previous period and the competitors, and link tables.
 * All text goes through the escaping template.
 */
import type { PanelDefinition } from '../../dashboards/panels/index.js';
import type { ChartModel } from '../chart-model.js';
import { columnLabel, toEpochMs } from '../chart-model.js';
import { formatDelta, formatTime, formatValue } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { PREFIX, safeExternalUrl, withQuery } from '../links.js';
import { windowParams, type TimeWindow } from '../range.js';

/** Panel descriptions are short Markdown; shown as text without the emphasis marks. */
export const plainDescription = (markdown: string): string => markdown.replace(/\*\*|`/g, '');

/** A chart the browser draws from `GET /ui/api/panel/:id`. */
export function chartSection(
  panel: PanelDefinition,
  brand: string,
  w: TimeWindow,
  options: { competitors?: boolean } = {},
): SafeHtml {
  const src = withQuery(`${PREFIX}/api/panel/${encodeURIComponent(panel.id)}`, {
    brand,
    ...windowParams(w),
    competitors: options.competitors ? '1' : undefined,
  });
  const id = `panel-${panel.id.replace(/[^a-z0-9-]/gi, '-')}`;
  return html`<section class="panel" aria-labelledby="${id}-title">
    <h2 id="${id}-title">${panel.title}</h2>
    <p class="desc">${plainDescription(panel.description)}</p>
    <div
      class="chart"
      id="${id}"
      data-chart-src="${src}"
      data-panel="${panel.id}"
      data-state="loading"
      role="img"
      aria-label="${panel.title}: loading"
    ></div>
    <details class="chart-table">
      <summary>${panel.title} as a table, with links to the mentions</summary>
      <div class="table-holder"></div>
    </details>
  </section>`;
}

/** One KPI tile row per brand: the brand's totals, the change vs the previous window, and its competitors. */
export function kpiTiles(
  panel: PanelDefinition,
  rows: ReadonlyArray<{ name: string; current: ChartModel; previous: ChartModel; isBrand: boolean }>,
): SafeHtml {
  const numbers = panel.columns.filter((c) => c.kind === 'number');
  const valueOf = (m: ChartModel, column: string): number | null =>
    m.series.find((s) => s.name === columnLabel(column))?.points[0]?.y ?? null;
  return html`<section class="panel kpis" aria-labelledby="kpi-title">
    <h2 id="kpi-title">${panel.title}</h2>
    <table class="kpi-table">
      <caption>
        ${plainDescription(panel.description)}
      </caption>
      <thead>
        <tr>
          <th scope="col">Brand</th>
          ${numbers.map((n) => html`<th scope="col">${columnLabel(n.name)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr class="${r.isBrand ? 'is-brand' : 'is-competitor'}">
              <th scope="row">${r.name}${r.isBrand ? '' : html` <span class="tag">competitor</span>`}</th>
              ${numbers.map((n) => {
                const now = valueOf(r.current, n.name);
                const before = valueOf(r.previous, n.name);
                return html`<td>
                  <span class="kpi-value">${formatValue(now, n.unit ?? 'short')}</span>
                  <span class="kpi-delta"
                    >${formatDelta(now, before, n.unit ?? 'short')} vs previous period</span
                  >
                </td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

/** A table panel (top mentions): text cells escaped, `url` columns as safe links. */
export function tableSection(model: ChartModel, caption?: string): SafeHtml {
  const table = model.table ?? { columns: [], rows: [] };
  return html`<section class="panel" aria-label="${model.title}">
    <h2>${model.title}</h2>
    <p class="desc">${caption ?? plainDescription(model.description)}</p>
    ${
      table.rows.length === 0
        ? html`<p class="empty">Nothing in this range.</p>`
        : html`<div class="scroll">
            <table class="data">
              <thead>
                <tr>
                  ${table.columns.map((c) => html`<th scope="col">${c.kind === 'url' ? 'link' : columnLabel(c.name)}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${table.rows.map(
                  (row) =>
                    html`<tr>
                      ${row.map((cell, i) => {
                        const column = table.columns[i]!;
                        if (column.kind === 'url') {
                          const href = safeExternalUrl(cell);
                          return html`<td>
                            ${href ? html`<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">open</a>` : ''}
                          </td>`;
                        }
                        if (column.kind === 'time')
                          return html`<td class="nowrap">${formatTime(toEpochMs(cell))}</td>`;
                        if (column.kind === 'number')
                          return html`<td class="num">
                            ${cell === '' ? '–' : formatValue(Number(cell), column.unit ?? 'short')}
                          </td>`;
                        return html`<td class="text" dir="auto">${cell}</td>`;
                      })}
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}

/** A panel that could not be drawn: says which and why, without internals. */
export function failedSection(title: string, message: string): SafeHtml {
  return html`<section class="panel failed" role="alert">
    <h2>${title}</h2>
    <p>${message}</p>
  </section>`;
}
