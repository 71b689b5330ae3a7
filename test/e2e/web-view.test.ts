/**
 * The web dashboard as a user meets it: `earshot up` on the demo config prints a login link; headless
 * Chromium opens it, lands logged in on a URL without the token, sees the overview's charts fill with the
 * demo brands' data, switches brand and time range, follows a drill-down link to the mention list, and a
 * hostile mention stored beforehand shows as text and runs nothing (no script, no dialog, no CSP violation).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../storage/client.js';
import { upsertMentions } from '../../storage/mentions.js';
import { migrate } from '../../storage/migrations/index.js';
import { artifactPath, launchChromium } from './browser.js';
import { EMOJI_10KB, HOSTILE_MARK, hostileMentions } from './hostile-mention.js';
import { startUp, type RunningCommand } from './support.js';

const DEMO_BRANDS = ['Acme Air', 'Globex Airways', 'Initech Mobile'];
// Run in the page. Functions, not strings: the page's CSP forbids eval. This project's TypeScript has no DOM
// library, hence the loose globalThis.
type PageGlobal = { document: { body: { dataset: Record<string, string | undefined> } }; __pwned?: number };
const CHARTS_DONE = (): boolean =>
  (globalThis as unknown as PageGlobal).document.body.dataset.charts === 'done';
const PWNED = (): number | undefined => (globalThis as unknown as PageGlobal).__pwned;

describe('web dashboard in headless Chromium', () => {
  let cwd: string;
  let up: RunningCommand;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let loginUrl: string;
  let base: string;
  const problems: string[] = [];

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'earshot-web-'));
    const dataDir = join(cwd, '.earshot/data');
    mkdirSync(dataDir, { recursive: true });
    const store = await createStore(
      { mode: 'embedded', dataDir: join(dataDir, 'clickhouse') },
      pino({ level: 'silent' }),
    );
    await migrate(store);
    await upsertMentions(store, hostileMentions('acme-air', Date.now()));
    await store.close();

    up = await startUp(cwd, { EARSHOT_LOG_LEVEL: 'info', EARSHOT_LOG_FORMAT: 'json' });
    const printed = /web dashboard: (http:\/\/127\.0\.0\.1:\d+\/ui\/login\?token=[\w-]+)/.exec(up.output());
    expect(printed, up.output()).not.toBeNull();
    loginUrl = printed![1]!;
    base = new URL(loginUrl).origin;

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text()))
        problems.push(`console: ${m.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await up?.stop('SIGINT');
    rmSync(cwd, { recursive: true, force: true });
  });

  /** Loads `url` until every chart is drawn and the demo's data for every brand reached the volume chart. */
  async function openWithData(url: string): Promise<void> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      await page.goto(url);
      await page.waitForFunction(CHARTS_DONE, null, { timeout: 30_000 });
      const series =
        (await page.locator('.chart[data-panel="overview.volume"]').getAttribute('data-series')) ?? '';
      if (DEMO_BRANDS.every((b) => series.includes(b)) || Date.now() > deadline) return;
      await page.waitForTimeout(2000);
    }
  }

  it('logs in through the printed link and lands on a URL without the token', async () => {
    const response = await page.goto(loginUrl);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${base}/ui/`);
    const cookies = await context.cookies();
    expect(cookies).toEqual([
      expect.objectContaining({ name: 'earshot_ui', httpOnly: true, sameSite: 'Strict', path: '/ui' }),
    ]);
    const token = new URL(loginUrl).searchParams.get('token')!;
    // Printed once for the user; never logged (the host logs paths without query strings).
    expect(up.output().split(token).length - 1).toBe(1);
  });

  it('draws at least three charts with data points naming the demo brands', async () => {
    await openWithData(`${base}/ui/?range=24h`);
    const charts = await page.locator('.chart[data-state="ready"]').evaluateAll((els) =>
      els.map((el) => ({
        panel: el.getAttribute('data-panel'),
        points: Number(el.getAttribute('data-points')),
        series: el.getAttribute('data-series') ?? '',
        svgShapes: el.querySelectorAll('svg path, svg rect').length,
      })),
    );
    expect(charts.length).toBeGreaterThanOrEqual(3);
    for (const chart of charts) {
      expect(chart.points, chart.panel).toBeGreaterThan(0);
      expect(chart.svgShapes, chart.panel).toBeGreaterThan(0);
    }
    const benchmark = charts.filter((c) => DEMO_BRANDS.every((b) => c.series.includes(b)));
    expect(benchmark.length, JSON.stringify(charts)).toBeGreaterThanOrEqual(3);
    // The drawn legend names the brands too (ECharts renders it as SVG text).
    const svgText = await page.locator('.chart svg').allTextContents();
    for (const brand of DEMO_BRANDS) expect(svgText.join(' ')).toContain(brand);
    await page.screenshot({ path: artifactPath('web-view-overview.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('switches brand and time range with the pickers', async () => {
    await page.selectOption('#pick-brand', 'globex');
    await page.selectOption('#pick-range', '7d');
    await Promise.all([page.waitForURL(/brand=globex/), page.getByRole('button', { name: 'Show' }).click()]);
    expect(new URL(page.url()).searchParams.get('range')).toBe('7d');
    await expect.poll(() => page.locator('h1').textContent()).toContain('Globex Airways');
    await page.waitForFunction(CHARTS_DONE);
    expect(await page.locator('.chart[data-state="ready"]').count()).toBeGreaterThanOrEqual(3);
    const kpiBrand = await page.locator('tr.is-brand th').first().textContent();
    expect(kpiBrand).toContain('Globex Airways');
    expect(problems).toEqual([]);
  });

  it('follows a chart point to the mentions behind it', async () => {
    await openWithData(`${base}/ui/?brand=acme-air&range=24h`);
    const volume = page.locator('section.panel', {
      has: page.locator('.chart[data-panel="overview.volume"]'),
    });
    await volume.locator('summary').click(); // the chart's data table: the keyboard path to every point
    const link = volume.locator('.table-holder a').first();
    await Promise.all([page.waitForURL(/\/ui\/mentions\?/), link.click()]);
    const url = new URL(page.url());
    expect(url.searchParams.get('brand')).toBeTruthy();
    expect(url.searchParams.get('from')).toBeTruthy();
    expect(await page.locator('ol.mentions > li').count()).toBeGreaterThan(0);
    expect(await page.locator('#mentions-title').textContent()).toMatch(/Mentions \([1-9]/);
    // A click on a drawn bar goes the same way: the tallest bar of the brand's colour (ECharts' SVG).
    await openWithData(`${base}/ui/?brand=acme-air&range=24h`);
    const bars = page.locator('.chart[data-panel="overview.volume"] svg path[fill="#2f6fdb"]');
    const boxes = (await Promise.all((await bars.all()).map((b) => b.boundingBox()))).filter(
      (b): b is NonNullable<typeof b> => b !== null && b.height > 4 && b.width > 1,
    );
    expect(boxes.length).toBeGreaterThan(0);
    const tallest = boxes.sort((x, y) => y.height - x.height)[0]!;
    await Promise.all([
      page.waitForURL(/\/ui\/mentions\?brand=acme-air&from=/),
      page.mouse.click(tallest.x + tallest.width / 2, tallest.y + tallest.height / 2),
    ]);
    expect(await page.locator('ol.mentions > li').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('shows a hostile mention as text, runs nothing and links nowhere', async () => {
    await page.goto(`${base}/ui/mentions?brand=acme-air&range=24h&source=hostile`);
    const item = page.locator('li.mention', { hasText: EMOJI_10KB.slice(0, 40) });
    await expect.poll(() => item.count()).toBe(1);
    const text = (await item.locator('.text').textContent()) ?? '';
    expect(text).toContain('<script>window.__pwned = 1; alert(1)</script>');
    expect(text).toContain('<img src=x onerror="window.__pwned = 2; alert(2)">');
    expect(text).toContain('\u202Efdp.exe\u202C');
    expect(text).toContain(EMOJI_10KB.slice(0, 400));
    expect(await item.locator('.author').textContent()).toBe('<img src=x onerror=alert(5)>\u202Eevil');
    expect(await item.locator('.title').textContent()).toContain('<script>alert(6)</script>');
    expect(await item.locator('.text').getAttribute('dir')).toBe('auto');
    // Nothing became markup, nothing ran, and the javascript: URL is not a link.
    expect(await page.locator('main script, main img, main svg').count()).toBe(0);
    expect(await page.evaluate(PWNED)).toBeUndefined();
    expect(await item.locator('a').count()).toBe(0);
    // On the overview it tops the negative mentions table, as text too.
    await openWithData(`${base}/ui/?brand=acme-air&range=24h`);
    const cell = page.locator('td.text', { hasText: HOSTILE_MARK }).first();
    expect(await cell.textContent()).toContain(
      '<script>window.__pwned = 3</script><img src=x onerror="window.__pwned = 4">',
    );
    expect(await page.evaluate(PWNED)).toBeUndefined();
    await page.screenshot({ path: artifactPath('web-view-hostile.png'), fullPage: false });
    expect(problems).toEqual([]);
  });

  it('refuses pages and data without the session cookie, with the Content-Security-Policy set', async () => {
    const anonymous = await browser.newContext();
    try {
      const pageResponse = await anonymous.request.get(`${base}/ui/`);
      expect(pageResponse.status()).toBe(401);
      expect(await pageResponse.text()).toMatch(/link .*earshot up.* prints/s);
      const api = await anonymous.request.get(`${base}/ui/api/panel/overview.volume`);
      expect(api.status()).toBe(401);
      const wrong = await anonymous.request.get(`${base}/ui/login?token=wrong`, { maxRedirects: 0 });
      expect(wrong.status()).toBe(401);
    } finally {
      await anonymous.close();
    }
    const response = await page.goto(`${base}/ui/`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'));
    expect(scriptSrc?.trim()).toBe("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
