/**
 * Web view speed on embedded chDB: generates N mentions (default 100 k, about a week of the demo's rate; pass
 * 10000000 for the dashboard target's scale) for the demo brands over the last `days` (default 7), serves the
 * web view on a local host, and prints
 * - first meaningful paint of the overview in headless Chromium: navigation start → every chart drawn and
 *   the KPI table shown (the page's `data-charts="done"`), median and max of `runs` warm loads, plus the
 *   browser's first-contentful-paint;
 * - p50 / p95 of each overview data endpoint (`/ui/api/panel/:id`) over `runs` requests, and of the overview
 *   page itself (server-rendered KPIs and tables).
 * Targets: paint ≤ 1 s on demo data; endpoints p95 ≤ 150 ms at 10 M mentions. No assertions.
 *
 * Run: npx tsx bench/web-view.ts [mentions=100000] [runs=20] [days=7]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { BrandSchema } from '../core/config/index.js';
import { silentLogger } from '../core/logger.js';
import { startHttpHost } from '../platform/http-host/index.js';
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM_PATH } from '../reports/index.js';
import { createStore } from '../storage/client.js';
import { migrate } from '../storage/migrations/index.js';
import { generateSyntheticYear, generateSyntheticYearRuns } from '../storage/synthetic-year.js';
import { pagePanels } from '../web/pages/catalog.js';
import { createWebView, rotateWebViewSecrets, storeReader } from '../web/index.js';

const count = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 20);
const days = Number(process.argv[4] ?? 7);
const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-web-'));
const now = Date.now();
const brands = [
  { key: 'acme-air', name: 'Acme Air', competitors: ['globex', 'initech'] },
  { key: 'globex', name: 'Globex Airways' },
  { key: 'initech', name: 'Initech Mobile' },
].map((b) => BrandSchema.parse({ ...b, keywords: { include: [b.key] } }));

const store = await createStore({ mode: 'embedded', dataDir: join(dir, 'store') }, silentLogger);
await migrate(store);
const t0 = performance.now();
const from = now - days * 86_400_000;
await generateSyntheticYear(store, { count, brands: brands.map((b) => b.key), fromMs: from, toMs: now });
await generateSyntheticYearRuns(store, { sourceIds: ['demo'], fromMs: from, toMs: now, everyMs: 60_000 });
console.log(
  `generated ${count.toLocaleString('en')} mentions over ${days} d in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const secrets = rotateWebViewSecrets(dir);
const view = createWebView({
  config: { brands, sources: [] },
  reader: storeReader(store),
  secrets,
  logger: silentLogger,
});
const host = await startHttpHost({ logger: silentLogger, routes: view.routes });
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const ms = (n: number): string => `${n.toFixed(0)} ms`;

const browser = await chromium.launch({
  executablePath: process.env.EARSHOT_CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
});
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(view.loginUrl(host.url)); // sets the cookie
  const done = (): boolean =>
    (globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body
      .dataset.charts === 'done';
  await page.waitForFunction(done, null, { timeout: 60_000 });
  const paints: number[] = [];
  const fcps: number[] = [];
  for (let i = 0; i < Math.max(3, Math.min(runs, 10)); i++) {
    const t = performance.now();
    await page.goto(`${host.url}/ui/?brand=acme-air&range=7d`);
    await page.waitForFunction(done, null, { timeout: 60_000 });
    paints.push(performance.now() - t);
    fcps.push(
      await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN),
    );
  }
  paints.sort((a, b) => a - b);
  fcps.sort((a, b) => a - b);
  console.log(
    `overview first meaningful paint (all charts drawn): median ${ms(percentile(paints, 50))}, max ${ms(paints.at(-1)!)}; first contentful paint median ${ms(percentile(fcps, 50))}  (target ≤ 1000 ms)`,
  );

  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const time = async (path: string): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const response = await fetch(`${host.url}${path}`, { headers: { cookie } });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      out.push(performance.now() - t);
    }
    return out.sort((a, b) => a - b);
  };
  console.log(`\n${'endpoint'.padEnd(48)} ${'p50'.padStart(8)} ${'p95'.padStart(8)}`);
  const page7 = await time('/ui/?brand=acme-air&range=7d');
  console.log(
    `${'GET /ui/ (page: KPIs + tables)'.padEnd(48)} ${ms(percentile(page7, 50)).padStart(8)} ${ms(percentile(page7, 95)).padStart(8)}`,
  );
  for (const { panel, competitors } of pagePanels('').charts) {
    const t = await time(
      `/ui/api/panel/${panel.id}?brand=acme-air&range=7d${competitors ? '&competitors=1' : ''}`,
    );
    console.log(
      `${`GET /ui/api/panel/${panel.id}`.padEnd(48)} ${ms(percentile(t, 50)).padStart(8)} ${ms(percentile(t, 95)).padStart(8)}`,
    );
  }
} finally {
  await browser.close();
  await host.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
