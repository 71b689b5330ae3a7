/**
 * Builds GitHub issue-search `q` strings. The brand part is one function so it can switch to the shared
 * brand-query compiler (`connectors/query/`) without touching the connector.
 */
import type { BrandQuery } from '../../core/connector.js';

/** The brand's part of the search: its query text as written (GitHub accepts quotes, OR, NOT). */
export function githubSearchText(brand: BrandQuery): string {
  return brand.query.trim() || `"${brand.name}"`;
}

/** `2026-05-01T12:00:00Z`: GitHub's `created:` qualifier takes ISO 8601 to the second. */
export const isoSeconds = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * The full `q`: brand text, the `is:` qualifier, user qualifiers and the creation window
 * (`created:>=FROM`, or `created:FROM..TO` when slicing under the 1,000-result cap).
 */
export function githubQuery(
  brand: BrandQuery,
  type: 'issue' | 'pr',
  qualifiers: string,
  fromMs: number,
  toIso?: string,
): string {
  const created = toIso ? `created:${isoSeconds(fromMs)}..${toIso}` : `created:>=${isoSeconds(fromMs)}`;
  const is = type === 'pr' ? 'is:pull-request' : 'is:issue';
  return [githubSearchText(brand), is, qualifiers.trim(), created].filter(Boolean).join(' ');
}
