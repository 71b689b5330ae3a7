/**
 * Wires the web dashboard for `earshot up`: a fresh login token in `<dataDir>/web-view.json` (0600), the view's
 * routes over the process's own store, and the login link to print.
 */
import type { EarshotConfig } from '../core/config/index.js';
import type { Logger } from '../core/logger.js';
import type { Store } from '../storage/client.js';
import { createWebView, rotateWebViewSecrets, storeReader, type WebView } from '../web/index.js';

/** The web view of `up`'s store. Throws when the data directory is not writable. */
export function webViewForUp(options: {
  config: EarshotConfig;
  store: Store;
  dataDir: string;
  logger: Logger;
}): WebView {
  const secrets = rotateWebViewSecrets(options.dataDir, { pid: process.pid });
  return createWebView({
    config: options.config,
    reader: storeReader(options.store),
    secrets,
    logger: options.logger,
  });
}
