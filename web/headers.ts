/**
 * The security headers of every web-view answer. The Content-Security-Policy allows scripts from the page's
 * own origin only (no inline script, no event-handler attributes, no `eval`, no CDN), data from the same
 * origin, and nothing else; so even markup that slipped through escaping could not run, load or send anything.
 * Inline *styles* are allowed: ECharts' SVG renderer writes `style` attributes for hover and emphasis states,
 * and a style cannot run code or (with `img-src`/`connect-src`/`default-src` closed) load anything.
 */

/** The policy of every page and data answer. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers for pages and data: the CSP, no sniffing, no framing, no referrer, never cached. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
};

/** Headers for the packaged static assets: as pages, but cacheable for an hour. */
export const ASSET_HEADERS: Readonly<Record<string, string>> = {
  ...PAGE_HEADERS,
  'cache-control': 'public, max-age=3600',
};
