/**
 * `earshot report`: one brand's report for a period as a self-contained HTML file (inline SVG charts, inline
 * CSS, no network fetches), optionally printed to PDF with headless Chromium. Reads through the running
 * `earshot up` when there is one, else opens the store itself, like `earshot sql`.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { configOption, dataDirOption } from '../options.js';

interface ReportOptions {
  brand: string;
  from?: string;
  to?: string;
  out: string;
  pdf?: string;
  config?: string;
  dataDir?: string;
}

/** The period of `--from` / `--to` (default: the last 7 days). Throws naming a flag that is not a date. */
export async function reportWindow(from: string | undefined, to: string | undefined, now = Date.now()) {
  const { parseInstant, windowFromQuery } = await import('../../web/range.js');
  for (const [flag, value] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    if (value !== undefined && parseInstant(value) === undefined) {
      throw new Error(
        `${flag} ${JSON.stringify(value)} is not a date: use YYYY-MM-DD or an ISO time such as 2026-11-01T00:00:00Z`,
      );
    }
  }
  if (from === undefined && to === undefined) return windowFromQuery({ range: '7d' }, now);
  const end = to ?? new Date(now).toISOString();
  const start = from ?? new Date((parseInstant(end) ?? now) - 7 * 86_400_000).toISOString();
  const window = windowFromQuery({ from: start, to: end }, now);
  if (window.preset !== 'custom') throw new Error('--from must be before --to, at most two years apart');
  return window;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description("a brand's report as one self-contained HTML file (and PDF with --pdf)")
    .requiredOption('--brand <key>', 'brand key from the config')
    .option('--from <date>', 'start of the period (YYYY-MM-DD or ISO time; default 7 days before --to)')
    .option('--to <date>', 'end of the period (a date counts whole; default now)')
    .requiredOption('--out <file>', 'HTML file to write')
    .option('--pdf <file>', 'also print it to PDF with headless Chromium (Debian package chromium)')
    .addOption(configOption())
    .addOption(dataDirOption())
    .action(async (opts: ReportOptions) => {
      const { loadConfig } = await import('../config/load-config.js');
      const { config } = loadConfig(opts.config);
      if (!config.brands.some((b) => b.key === opts.brand)) {
        throw new Error(
          `--brand ${opts.brand}: no such brand; use one of: ${config.brands.map((b) => b.key).join(', ')}`,
        );
      }
      const window = await reportWindow(opts.from, opts.to);
      const { withReadOnlyStore } = await import('../read-only-query.js');
      const { storeReader } = await import('../../web/index.js');
      const { buildReport, renderReportHtml } = await import('../../reports/index.js');
      const data = await withReadOnlyStore(opts.dataDir, (store) =>
        buildReport({ reader: storeReader(store), brands: config.brands, brand: opts.brand, window }),
      );
      const text = renderReportHtml(data);
      writeFileSync(opts.out, text);
      console.error(
        `earshot: report for ${data.brand.name} written to ${opts.out} (${data.charts.length} charts)`,
      );
      if (opts.pdf) {
        const { ChromiumMissingError, DEFAULT_CHROMIUM_PATH, printPdf } =
          await import('../../reports/index.js');
        try {
          writeFileSync(
            opts.pdf,
            await printPdf(text, process.env.EARSHOT_CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH),
          );
          console.error(`earshot: PDF written to ${opts.pdf}`);
        } catch (error) {
          if (!(error instanceof ChromiumMissingError)) throw error;
          console.error(`earshot: ${error.message}`);
          process.exitCode = 1;
        }
      }
    });
}
