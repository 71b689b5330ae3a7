// The web view's browser script: draws each chart placeholder with ECharts (SVG renderer) from its data
// endpoint, adds the chart's points as a table with drill-down links (for keyboards and screen readers), and
// follows a point's drill-down link on click. Data only ever reaches the page as text nodes (textContent),
// never as markup. Loaded with `defer` from the page's own origin (the CSP allows nothing else).
/* global document, window, fetch */
'use strict';

(function main() {
  const DRILL_PREFIX = '/ui/mentions?';
  const charts = [];

  function isPercent(unit) {
    return unit === 'percent' || unit === 'percentunit';
  }

  function formatNumber(value, unit, stacked) {
    if (value === null || value === undefined) return '–';
    if (isPercent(unit) || stacked) return `${Number(value).toFixed(1)} %`;
    return Number(value).toLocaleString('en-US', { maximumFractionDigits: 2 });
  }

  function formatX(x) {
    return typeof x === 'number'
      ? new Date(x).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'
      : String(x);
  }

  function element(tag, text, attrs) {
    const el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
    return el;
  }

  function safeDrill(href) {
    return typeof href === 'string' && href.startsWith(DRILL_PREFIX) ? href : undefined;
  }

  function dataTable(data) {
    const table = element('table', undefined, { class: 'data' });
    const head = table.createTHead().insertRow();
    for (const name of ['series', 'at', 'value', 'mentions'])
      head.appendChild(element('th', name, { scope: 'col' }));
    const body = table.createTBody();
    for (const series of data.series) {
      for (const p of series.points) {
        if (p.y === null) continue;
        const row = body.insertRow();
        row.appendChild(element('td', series.name));
        row.appendChild(element('td', formatX(p.x)));
        row.appendChild(element('td', formatNumber(p.y, data.unit, false), { class: 'num' }));
        const cell = row.insertCell();
        const href = safeDrill(p.href);
        if (href) cell.appendChild(element('a', 'list', { href }));
      }
    }
    return table;
  }

  async function draw(el) {
    const section = el.closest('.panel');
    try {
      const response = await fetch(el.dataset.chartSrc, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      const data = await response.json();
      if (!response.ok)
        throw new Error((data && data.error && data.error.message) || `HTTP ${response.status}`);
      const option = data.option;
      const stacked = option.series && option.series.some((s) => s.stack);
      if (option.tooltip) option.tooltip.valueFormatter = (v) => formatNumber(v, data.unit, stacked);
      const chart = window.echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(option);
      chart.on('click', (params) => {
        const href = safeDrill(params.data && params.data.href);
        if (href) window.location.assign(href);
      });
      charts.push(chart);
      el.dataset.points = String(data.points);
      el.dataset.series = data.series.map((s) => s.name).join('\n');
      el.setAttribute(
        'aria-label',
        `${data.title}: chart of ${data.points} points in ${data.series.length} series (${data.series.map((s) => s.name).join(', ')}). The table below lists them with links to the mentions.`,
      );
      const holder = section && section.querySelector('.table-holder');
      if (holder) holder.replaceChildren(dataTable(data));
      el.dataset.state = data.points > 0 ? 'ready' : 'empty';
      if (data.points === 0) el.appendChild(element('p', 'No data in this range.', { class: 'empty' }));
    } catch (error) {
      el.dataset.state = 'error';
      el.setAttribute('aria-label', 'Chart could not be loaded');
      el.replaceChildren(
        element('p', `This chart could not be loaded: ${error.message}`, { class: 'error', role: 'alert' }),
      );
    }
  }

  function customDates() {
    const range = document.getElementById('pick-range');
    const dates = document.querySelector('.custom-dates');
    if (!range || !dates) return;
    const sync = () => {
      dates.hidden = range.value !== 'custom';
    };
    range.addEventListener('change', sync);
    sync();
  }

  customDates();
  const placeholders = [...document.querySelectorAll('.chart[data-chart-src]')];
  Promise.all(placeholders.map(draw)).then(() => {
    document.body.dataset.charts = 'done';
  });
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
})();
