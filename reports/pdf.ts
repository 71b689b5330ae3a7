/**
 * Prints a report's HTML to PDF with headless Chromium (Debian's `chromium` package) through playwright-core.
 * Every request the page would make is aborted, so the PDF shows exactly the self-contained document.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** The browser flags that work in containers and CI (no sandbox as root, no GPU, no background traffic). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's path of the browser. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** No browser where one was looked for: the message names the package and the path. */
export class ChromiumMissingError extends Error {
  override name = 'ChromiumMissingError' as const;
  constructor(readonly path: string) {
    super(
      `No Chromium at ${path}, so no PDF was written: install Debian's \`chromium\` package ` +
        '(apt-get install -y chromium) or set EARSHOT_CHROMIUM_PATH to a Chromium binary.',
    );
  }
}

/** Whether a browser exists at `path`. */
export function chromiumAvailable(path: string = DEFAULT_CHROMIUM_PATH): boolean {
  return existsSync(path);
}

/** The PDF bytes of `html` (A4, backgrounds printed). Throws `ChromiumMissingError` without a browser. */
export async function printPdf(
  htmlText: string,
  chromiumPath: string = DEFAULT_CHROMIUM_PATH,
): Promise<Buffer> {
  if (!chromiumAvailable(chromiumPath)) throw new ChromiumMissingError(chromiumPath);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(htmlText, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
