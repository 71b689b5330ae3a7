/** The frame of every web-view page: skip link, navigation, brand and time-range pickers, main landmark. */
import { html, type SafeHtml } from '../html.js';
import { PREFIX, pageHref } from '../links.js';
import { RANGE_PRESETS, type TimeWindow } from '../range.js';

/** The pages in the navigation, in order. */
export const NAV = [
  { page: '', label: 'Overview' },
  { page: 'service', label: 'Customer service' },
  { page: 'reviews', label: 'Reviews' },
  { page: 'alerts', label: 'Alerts' },
  { page: 'sources', label: 'Sources' },
] as const;

/** What the frame needs to know about the request. */
export interface PageFrame {
  /** The current page's key (`''` for the overview). */
  page: string;
  title: string;
  brand: string;
  brands: ReadonlyArray<{ key: string; name: string }>;
  window: TimeWindow;
  /** Extra hidden fields the picker form keeps (the drill-down's filters). */
  keep?: Readonly<Record<string, string>>;
}

const dateInput = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A complete HTML document around `body`. */
export function layout(frame: PageFrame, body: SafeHtml): SafeHtml {
  const { window: w } = frame;
  const brandName = frame.brands.find((b) => b.key === frame.brand)?.name ?? frame.brand;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <link rel="icon" href="data:," />
        <title>${frame.title} · ${brandName} · Earshot</title>
        <link rel="stylesheet" href="${PREFIX}/assets/app.css" />
        <script src="${PREFIX}/assets/echarts.min.js" defer></script>
        <script src="${PREFIX}/assets/app.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <p class="logo">Earshot</p>
          <nav aria-label="Pages">
            <ul>
              ${NAV.map(
                (n) =>
                  html`<li>
                    <a
                      href="${pageHref(n.page, frame.brand, w)}"
                      ${n.page === frame.page ? html` aria-current="page"` : ''}
                      >${n.label}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>
        </header>
        <form class="pickers" method="get" action="${PREFIX}/${frame.page}" aria-label="Brand and time range">
          <label for="pick-brand">Brand</label>
          <select id="pick-brand" name="brand">
            ${frame.brands.map((b) => html`<option value="${b.key}" ${b.key === frame.brand ? html` selected` : ''}>${b.name}</option>`)}
          </select>
          <label for="pick-range">Time range</label>
          <select id="pick-range" name="range">
            ${RANGE_PRESETS.map((p) => html`<option value="${p.key}" ${p.key === w.preset ? html` selected` : ''}>${p.label}</option>`)}
            <option value="custom" ${w.preset === 'custom' ? html` selected` : ''}>Custom dates</option>
          </select>
          <span class="custom-dates">
            <label for="pick-from">From</label>
            <input id="pick-from" name="from" type="date" value="${dateInput(w.from)}" />
            <label for="pick-to">To</label>
            <input id="pick-to" name="to" type="date" value="${dateInput(w.to)}" />
          </span>
          ${Object.entries(frame.keep ?? {}).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`)}
          <button type="submit">Show</button>
        </form>
        <main id="main" tabindex="-1">
          <h1>${frame.title}: ${brandName}</h1>
          <p class="window">
            ${new Date(w.from).toISOString().slice(0, 16).replace('T', ' ')} –
            ${new Date(w.to).toISOString().slice(0, 16).replace('T', ' ')} UTC
          </p>
          ${body}
        </main>
      </body>
    </html>`;
}

/** A page of its own (login problems, errors) without the pickers. */
export function simplePage(title: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Earshot</title>
        <link rel="stylesheet" href="${PREFIX}/assets/app.css" />
      </head>
      <body>
        <main id="main" class="simple">
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`;
}
