/**
 * Turns the configured brands into a source's search text. Kept in one place so it can be swapped for the
 * brand query language's `toSourceQuery(query, dialect)` once every source has a dialect.
 */
import type { BrandQuery } from '../../core/connector.js';

/**
 * Plain search text for one brand: its name, quoted when it has several words (`"acme air"`), which the
 * keyword search of Reddit and Algolia (HN) both treat as a phrase. Results are filtered by the brand query
 * later, so a broad search text only costs volume, never correctness.
 */
export function plainSearchText(brand: BrandQuery): string {
  const name = brand.name.trim().replace(/"/g, '');
  return /\s/.test(name) ? `"${name}"` : name;
}

/** One search text covering every brand: `acme OR "globex corp"` (Reddit search syntax). */
export function anyBrandSearchText(brands: readonly BrandQuery[]): string {
  return brands.map(plainSearchText).join(' OR ');
}

/** A bounded list of the most recent ids: `fresh` first, then older ones, without duplicates. */
export function recentIds(fresh: readonly string[], older: readonly string[], max: number): string[] {
  return [...new Set([...fresh, ...older])].slice(0, max);
}
