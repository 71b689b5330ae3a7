/**
 * RFC 8288 `Link` header parsing, for sources that paginate with `rel="next"` (GitHub, Mastodon).
 */

/**
 * Parses a `Link` header into `rel → URL` (first occurrence wins; a `rel` with several space-separated
 * values maps each). Returns `{}` for a missing or empty header.
 * @example parseLinkHeader('<https://x/?page=2>; rel="next"').next === 'https://x/?page=2'
 */
export function parseLinkHeader(header: string | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  const re = /<([^>]*)>((?:\s*;\s*[^;,]+(?:=(?:"[^"]*"|[^;,]*))?)*)/g;
  for (const match of header.matchAll(re)) {
    const url = match[1] ?? '';
    const params = match[2] ?? '';
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]*))/i.exec(params);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').split(/\s+/).filter(Boolean);
    for (const r of rels) if (!(r.toLowerCase() in links)) links[r.toLowerCase()] = url;
  }
  return links;
}
