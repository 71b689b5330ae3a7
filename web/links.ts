/** URLs inside the web view: page links that keep the brand and window, drill-down links, safe external links. */
import type { DrillFilter } from './chart-model.js';
import { windowParams, type TimeWindow } from './range.js';

/** The view's path prefix on the host. */
export const PREFIX = '/ui';

/** `path?query` with the parameters that are set, in a stable order. */
export function withQuery(
  path: string,
  params: Readonly<Record<string, string | number | undefined>>,
): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** A page of the view for `brand` over `w`. */
export function pageHref(
  page: string,
  brand: string,
  w: TimeWindow,
  extra: Record<string, string> = {},
): string {
  return withQuery(`${PREFIX}/${page}`, { brand, ...windowParams(w), ...extra });
}

/** The mention list behind a chart point. */
export function drillHref(filter: DrillFilter): string {
  return withQuery(`${PREFIX}/mentions`, {
    brand: filter.brand,
    from: filter.from === undefined ? undefined : new Date(filter.from).toISOString(),
    to: filter.to === undefined ? undefined : new Date(filter.to).toISOString(),
    label: filter.label,
    aspect: filter.aspect,
    source: filter.sourceId,
    kind: filter.kind,
  });
}

/**
 * A mention's own link only when it is plain http(s): a stored URL is untrusted, and `javascript:` or `data:`
 * links must never become clickable.
 */
export function safeExternalUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
