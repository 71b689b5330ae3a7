/**
 * `earshot report` as a user runs it: a self-contained HTML report (inline SVG charts, no script, no fetch)
 * that renders fully in Chromium with the network off, and a PDF with the expected pages; read from the store
 * directly or through the ClickHouse HTTP interface of a running `earshot up`; a clear message without Chromium.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../storage/client.js';
import { serveStoreOverHttp } from '../../storage/clickhouse-http/index.js';
import { upsertMentions } from '../../storage/mentions.js';
import { migrate } from '../../storage/migrations/index.js';
import { artifactPath, launchChromium } from './browser.js';
import { HOSTILE_MARK, hostileMentions } from './hostile-mention.js';
import { reportMentions } from './report-data.js';
import { runEarshot } from './support.js';

const END = Date.UTC(2026, 10, 20);
const PERIOD = ['--from', '2026-11-18T00:00:00Z', '--to', '2026-11-20T00:00:00Z'];

/** Pages of a PDF written by Chromium (its page objects). */
const pdfPages = (pdf: Buffer): number =>
  pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;

describe('earshot report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-report-'));
  let browser: Browser;

  beforeAll(async () => {
    const store = await createStore(
      { mode: 'embedded', dataDir: join(dir, 'clickhouse') },
      pino({ level: 'silent' }),
    );
    await migrate(store);
    await upsertMentions(store, [
      ...reportMentions(['acme-air', 'globex', 'initech'], END),
      ...hostileMentions('acme-air', END, 5 * 3_600_000),
    ]);
    await store.close();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a self-contained HTML report that renders fully offline, and its PDF', async () => {
    const html = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    const result = await runEarshot(
      ['report', '--brand', 'acme-air', ...PERIOD, '--out', html, '--pdf', pdf, '--data-dir', dir],
      { timeoutMs: 120_000 },
    );
    expect(result.stderr).toMatch(/report for Acme Air written to/);
    expect(result.code).toBe(0);
    const text = readFileSync(html, 'utf8');
    expect(text.match(/<svg/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    // No element that runs or loads anything (the hostile mention's markup is escaped text).
    expect(text).not.toMatch(
      /<(script|link|img|iframe|object|embed|image)\b|<[a-z]+[^>]*\s(src|href)="(?!https:\/\/example\.com\/)|@import|url\((?!#)/i,
    );
    expect(text).toContain('KPI definitions');

    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(`file://${html}`);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    const figures = await page.locator('figure.chart').evaluateAll((els) =>
      els.map((el) => ({
        panel: el.getAttribute('data-panel'),
        points: Number(el.getAttribute('data-points')),
        shapes: el.querySelectorAll('svg path, svg rect').length,
      })),
    );
    expect(figures.length).toBeGreaterThanOrEqual(3);
    for (const f of figures.filter((x) => x.panel !== 'reviews.avg-stars' || x.points > 0)) {
      expect(f.points, f.panel ?? '').toBeGreaterThan(0);
      expect(f.shapes, f.panel ?? '').toBeGreaterThan(0);
    }
    const legend = (await page.locator('figure.chart svg').allTextContents()).join(' ');
    for (const name of ['Acme Air', 'Globex Airways', 'Initech Mobile']) expect(legend).toContain(name);
    // KPIs against the previous period and the competitors.
    expect(await page.locator('tr.is-brand th').textContent()).toContain('Acme Air');
    expect(await page.locator('tr.is-competitor').count()).toBe(2);
    expect(await page.locator('.kpi-delta').first().textContent()).toMatch(/vs previous period/);
    // Top negative mentions with links; the hostile one as text.
    const hostile = page.locator('td.text', { hasText: HOSTILE_MARK }).first();
    expect(await hostile.textContent()).toMatch(
      /<script>window.__pwned = \d.*<img src=x onerror="window.__pwned = \d/s,
    );
    expect(await page.locator('a[href^="https://example.com/"]').count()).toBeGreaterThan(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    await page.screenshot({ path: artifactPath('report-first-page.png') });
    expect(requests).toEqual([]);
    await context.close();

    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // Cover, KPIs and charts over several A4 pages, the definitions on a page of their own.
    expect(pdfPages(bytes)).toBeGreaterThanOrEqual(3);
    expect(pdfPages(bytes)).toBeLessThanOrEqual(20);
  });

  it('reads through the ClickHouse HTTP interface of a running earshot up', async () => {
    const store = await createStore(
      { mode: 'embedded', dataDir: join(dir, 'clickhouse') },
      pino({ level: 'silent' }),
    );
    const served = await serveStoreOverHttp(store, { dataDir: dir, logger: store.logger, port: 0 });
    try {
      const html = join(dir, 'via-up.html');
      const result = await runEarshot(
        ['report', '--brand', 'globex', ...PERIOD, '--out', html, '--data-dir', dir],
        {
          timeoutMs: 120_000,
        },
      );
      expect(result.stderr).not.toMatch(/lock/i);
      expect(result.code).toBe(0);
      expect(readFileSync(html, 'utf8')).toMatch(/<h1>Globex Airways<\/h1>/);
    } finally {
      await served.close();
      await store.close();
    }
  });

  it('says which package and path it looked for when Chromium is missing, and still writes the HTML', async () => {
    const html = join(dir, 'no-pdf.html');
    const pdf = join(dir, 'no.pdf');
    const result = await runEarshot(
      ['report', '--brand', 'acme-air', ...PERIOD, '--out', html, '--pdf', pdf, '--data-dir', dir],
      { env: { EARSHOT_CHROMIUM_PATH: '/nonexistent/chromium' }, timeoutMs: 120_000 },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No Chromium at \/nonexistent\/chromium.*`chromium` package/);
    expect(existsSync(html)).toBe(true);
    expect(existsSync(pdf)).toBe(false);
  });

  it('refuses an unknown brand and a bad date with the fix', async () => {
    const brand = await runEarshot([
      'report',
      '--brand',
      'nope',
      '--out',
      join(dir, 'x.html'),
      '--data-dir',
      dir,
    ]);
    expect(brand.code).toBe(1);
    expect(brand.stderr).toMatch(/no such brand; use one of: acme-air, globex, initech/);
    const date = await runEarshot([
      'report',
      '--brand',
      'acme-air',
      '--from',
      'last tuesday',
      '--out',
      join(dir, 'x.html'),
    ]);
    expect(date.code).toBe(1);
    expect(date.stderr).toMatch(/--from "last tuesday" is not a date/);
  });
});
