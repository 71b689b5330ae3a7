/**
 * The built-in web dashboard: `HostRoute`s under `/ui/` that `earshot up` mounts on its one HTTP host.
 * Pages are server-rendered through the escaping template (tables, lists, KPI tiles); charts are drawn in the
 * browser by ECharts from `/ui/api/panel/:id`, whose numbers come from the panel definitions of
 * dashboards/panels (the same SQL as the Grafana dashboards). Every route but the packaged assets needs the
 * session cookie that the printed login link sets (session.ts).
 */
import type { EarshotConfig } from '../core/config/index.js';
import type { PanelDefinition } from '../dashboards/panels/index.js';
import type { Logger } from '../core/logger.js';
import type { HostReply, HostRequest, HostRoute } from '../platform/http-host/index.js';
import { mentionCountQuery, mentionListQuery } from '../storage/mention-list.js';
import { sourceStatusQuery } from '../storage/runs.js';
import { assetRoute } from './assets.js';
import { echartsOption } from './echarts-option.js';
import { PAGE_HEADERS } from './headers.js';
import { html, toHtmlString, type SafeHtml } from './html.js';
import { PREFIX, drillHref, pageHref, withQuery } from './links.js';
import { findPanel, pagePanels } from './pages/catalog.js';
import { layout, simplePage, type PageFrame } from './pages/layout.js';
import { mentionList } from './pages/mentions.js';
import { chartSection, failedSection, kpiTiles, tableSection } from './pages/sections.js';
import { sourceHealth } from './pages/sources.js';
import { pointCount } from './chart-model.js';
import { runPanel, type PanelScope } from './panel-run.js';
import { parseInstant, previousWindow, windowFromQuery, type TimeWindow } from './range.js';
import type { DataReader } from './reader.js';
import { webSession, type WebViewSecrets } from './session.js';
import { recentAlertsSection } from './pages/alerts.js';

/** What the web view needs. */
export interface WebViewOptions {
  config: Pick<EarshotConfig, 'brands' | 'sources'>;
  reader: DataReader;
  secrets: WebViewSecrets;
  logger: Logger;
  /** Clock, for tests. */
  now?: () => number;
}

/** The started view: its routes and the login link to print. */
export interface WebView {
  routes: HostRoute[];
  /** The link that logs a browser in: `<hostUrl>/ui/login?token=…`. Print it; never log it. */
  loginUrl(hostUrl: string): string;
}

const PAGE_SIZE = 50;
const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

const htmlReply = (page: SafeHtml, status = 200, headers: Record<string, string> = {}): HostReply => ({
  status,
  body: toHtmlString(page),
  contentType: 'text/html; charset=utf-8',
  headers: { ...PAGE_HEADERS, ...headers },
});

const jsonReply = (body: unknown, status = 200): HostReply => ({
  status,
  body: JSON.stringify(body),
  contentType: 'application/json; charset=utf-8',
  headers: PAGE_HEADERS,
});

/** Builds the view's routes. */
export function createWebView(options: WebViewOptions): WebView {
  const { config, reader, logger } = options;
  const now = options.now ?? Date.now;
  const session = webSession(options.secrets, PREFIX);
  const brands = config.brands.map((b) => ({ key: b.key, name: b.name }));
  const brandNames = Object.fromEntries(brands.map((b) => [b.key, b.name]));
  const log = logger.child({ component: 'web-view' });

  const notLoggedIn = simplePage(
    'Please log in',
    html`<p>
      This dashboard is opened through the link <code>earshot up</code> prints when it starts (“web dashboard:
      http://127.0.0.1:…/ui/login?token=…”). The token is also in <code>web-view.json</code> in the data
      directory.
    </p>`,
  );
  const pageAuth: HostRoute['auth'] = {
    kind: 'custom',
    describe: 'web-view session cookie (set by the printed login link)',
    authorize: (headers) =>
      session.isLoggedIn(headers.cookie, now()) ? undefined : htmlReply(notLoggedIn, 401),
  };
  const apiAuth: HostRoute['auth'] = {
    kind: 'custom',
    describe: 'web-view session cookie',
    authorize: (headers) =>
      session.isLoggedIn(headers.cookie, now())
        ? undefined
        : jsonReply({ error: { message: 'Not logged in: open the link earshot up printed.' } }, 401),
  };

  /** The brand a request is about: a configured key, else the first brand. */
  const brandOf = (q: HostRequest['query']): string => {
    const key = first(q.brand);
    return brands.some((b) => b.key === key) ? (key as string) : (brands[0]?.key ?? '');
  };
  const scopeOf = (brand: string, withCompetitors: boolean): PanelScope => ({
    brand,
    competitors: config.brands.find((b) => b.key === brand)?.competitors ?? [],
    withCompetitors,
    brandNames,
  });
  const frameOf = (
    page: string,
    title: string,
    q: HostRequest['query'],
    keep?: Record<string, string>,
  ): PageFrame & { window: TimeWindow } => ({
    page,
    title,
    brand: brandOf(q),
    brands,
    window: windowFromQuery(q, now()),
    ...(keep ? { keep } : {}),
  });

  /** Charts, KPI tiles and tables of a page's panels. */
  async function panelsBody(page: string, frame: PageFrame): Promise<SafeHtml[]> {
    const { kpis, charts, tables } = pagePanels(page);
    const tiles = kpis ? kpiSection(kpis, frame) : Promise.resolve(html``);
    const tableParts = tables.map(async (panel) => {
      try {
        return tableSection(await runPanel(reader, panel, scopeOf(frame.brand, false), frame.window));
      } catch (error) {
        log.error({ err: error, panel: panel.id }, 'web view panel failed');
        return failedSection(panel.title, 'This table could not be read; the earshot up log says why.');
      }
    });
    return [
      await tiles,
      html`<div class="charts">
        ${charts.map((c) => chartSection(c.panel, frame.brand, frame.window, { competitors: c.competitors }))}
      </div>`,
      ...(await Promise.all(tableParts)),
    ];
  }

  /** KPI tiles: the brand and each competitor, this window and the previous one. */
  async function kpiSection(kpis: PanelDefinition, frame: PageFrame): Promise<SafeHtml> {
    const scope = scopeOf(frame.brand, false);
    try {
      const rows = await Promise.all(
        [frame.brand, ...scope.competitors].map(async (key) => {
          const [current, previous] = await Promise.all([
            runPanel(reader, kpis, { ...scope, brand: key }, frame.window),
            runPanel(reader, kpis, { ...scope, brand: key }, previousWindow(frame.window)),
          ]);
          return { name: brandNames[key] ?? key, isBrand: key === frame.brand, current, previous };
        }),
      );
      return kpiTiles(kpis, rows);
    } catch (error) {
      log.error({ err: error, panel: kpis.id }, 'web view panel failed');
      return failedSection(kpis.title, 'This panel could not be read; the earshot up log says why.');
    }
  }

  const page = (path: string, handle: (request: HostRequest) => Promise<SafeHtml>): HostRoute => ({
    method: 'GET',
    path,
    auth: pageAuth,
    handle: async (request) => htmlReply(await handle(request)),
  });

  const panelPage = (key: string, title: string, extra?: (frame: PageFrame) => Promise<SafeHtml[]>) =>
    page(`${PREFIX}/${key}`, async ({ query }) => {
      const frame = frameOf(key, title, query);
      const [panels, more] = await Promise.all([
        panelsBody(key, frame),
        extra ? extra(frame) : Promise.resolve([]),
      ]);
      const body = [...panels, ...more];
      return layout(
        frame,
        body.length ? html`${body}` : html`<p class="empty">No panels are defined for this page yet.</p>`,
      );
    });

  const routes: HostRoute[] = [
    assetRoute(PREFIX),
    {
      method: 'GET',
      path: `${PREFIX}/login`,
      auth: { kind: 'public' }, // the login itself: checks the token in its query string
      handle: ({ query }) => {
        if (!session.isLoginToken(first(query.token))) {
          return htmlReply(
            simplePage(
              'This login link is not valid',
              html`<p>Each start of <code>earshot up</code> prints a new link; use the latest one.</p>`,
            ),
            401,
          );
        }
        return {
          status: 303,
          body: '',
          contentType: 'text/plain; charset=utf-8',
          headers: { ...PAGE_HEADERS, location: `${PREFIX}/`, 'set-cookie': session.newSessionCookie(now()) },
        };
      },
    },
    {
      method: 'GET',
      path: PREFIX,
      auth: { kind: 'public' }, // only redirects to the slash form
      handle: () => ({
        status: 308,
        body: '',
        contentType: 'text/plain; charset=utf-8',
        headers: { location: `${PREFIX}/` },
      }),
    },
    panelPage('', 'Overview'),
    panelPage('service', 'Customer service'),
    panelPage('reviews', 'Reviews'),
    panelPage('alerts', 'Alerts', async (frame) => [
      await recentAlertsSection(reader, frame.brand, frame.window, log),
    ]),
    page(`${PREFIX}/sources`, async ({ query }) => {
      const frame = frameOf('sources', 'Sources', query);
      const statuses = await reader.read(sourceStatusQuery());
      const panels = await panelsBody('sources', frame);
      return layout(frame, html`${sourceHealth(statuses, config.sources)}${panels}`);
    }),
    page(`${PREFIX}/mentions`, async ({ query }) => {
      const filters = {
        label: first(query.label),
        aspect: first(query.aspect),
        sourceId: first(query.source),
        kind: first(query.kind),
      };
      const keep = Object.fromEntries(
        Object.entries({
          label: filters.label,
          aspect: filters.aspect,
          source: filters.sourceId,
          kind: filters.kind,
        }).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
      );
      const frame = frameOf('mentions', 'Mentions', query, keep);
      const offset = Math.max(0, Math.floor(Number(first(query.offset) ?? 0)) || 0);
      const list = { brand: frame.brand, from: frame.window.from, to: frame.window.to, ...filters };
      const [mentions, total] = await Promise.all([
        reader.read(mentionListQuery({ ...list, limit: PAGE_SIZE, offset })),
        reader.read(mentionCountQuery(list)),
      ]);
      const summary: Array<[string, string]> = [
        ['brand', brandNames[frame.brand] ?? frame.brand],
        ...Object.entries(keep),
      ];
      const hrefAt = (o: number): string => withQuery(drillHref({ ...list }), { offset: o || undefined });
      return layout(frame, mentionList(mentions, total, summary, { offset, pageSize: PAGE_SIZE, hrefAt }));
    }),
    {
      method: 'GET',
      path: `${PREFIX}/api/panel/:id`,
      auth: apiAuth,
      handle: async ({ params, query }) => {
        const panel = findPanel(params.id ?? '');
        if (!panel) return jsonReply({ error: { message: `No panel "${params.id ?? ''}"` } }, 404);
        const brand = brandOf(query);
        const w = windowFromQuery(query, now());
        try {
          const model = await runPanel(reader, panel, scopeOf(brand, first(query.competitors) === '1'), w);
          return jsonReply({
            id: panel.id,
            title: panel.title,
            unit: model.unit,
            points: pointCount(model),
            series: model.series.map((s) => ({
              name: s.name,
              points: s.points.map((p) => ({
                x: p.x,
                y: p.y,
                href: p.drill ? drillHref(p.drill) : undefined,
              })),
            })),
            option: echartsOption(model, { href: drillHref }),
          });
        } catch (error) {
          log.error({ err: error, panel: panel.id }, 'web view panel failed');
          return jsonReply(
            { error: { message: `Panel ${panel.id} could not be read; the earshot up log says why.` } },
            500,
          );
        }
      },
    },
  ];
  return {
    routes,
    loginUrl: (hostUrl) =>
      `${hostUrl}${PREFIX}/login?token=${encodeURIComponent(options.secrets.loginToken)}`,
  };
}

export { pageHref, parseInstant };
