/** Builds GitHub issue-search `q` strings around a brand search compiled by `matching/query/`. */

/** `2026-05-01T12:00:00Z`: GitHub's `created:` qualifier takes ISO 8601 to the second. */
export const isoSeconds = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * The full `q`: brand search text, the `is:` qualifier, user qualifiers and the creation window
 * (`created:>=FROM`, or `created:FROM..TO` when slicing under the 1,000-result cap).
 */
export function githubQuery(
  search: string,
  type: 'issue' | 'pr',
  qualifiers: string,
  fromMs: number,
  toIso?: string,
): string {
  const created = toIso ? `created:${isoSeconds(fromMs)}..${toIso}` : `created:>=${isoSeconds(fromMs)}`;
  const is = type === 'pr' ? 'is:pull-request' : 'is:issue';
  return [search, is, qualifiers.trim(), created].filter(Boolean).join(' ');
}
