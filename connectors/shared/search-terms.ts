/**
 * Turns the configured brands into search text for sources that take one free-text query (Reddit,
 * Algolia for HN): each brand's query compiled to the source's syntax by the brand query language,
 * falling back to the brand's name when the query cannot be expressed remotely. The query is always
 * re-applied locally, so a broader remote search only costs volume, never correctness.
 */
import type { BrandQuery } from '../../core/connector.js';
import { type SourceDialect, QuerySyntaxError, toSourceQueries } from '../../matching/index.js';

/**
 * Plain search text for one brand: its name, quoted when it has several words (`"acme air"`), which the
 * keyword search of Reddit and Algolia (HN) both treat as a phrase. Results are filtered by the brand query
 * later, so a broad search text only costs volume, never correctness.
 */
export function plainSearchText(brand: BrandQuery): string {
  const name = brand.name.trim().replace(/"/g, '');
  return /\s/.test(name) ? `"${name}"` : name;
}

/** The remote searches for one brand in `dialect`: its compiled query, else its name. */
export function brandSearchTexts(brand: BrandQuery, dialect: SourceDialect): string[] {
  try {
    return toSourceQueries(brand.query, dialect) ?? [plainSearchText(brand)];
  } catch (error) {
    // Config loading rejects invalid queries; a connector built by hand still gets a usable search.
    if (error instanceof QuerySyntaxError) return [plainSearchText(brand)];
    throw error;
  }
}

/** Every brand's searches in `dialect`, without duplicates. */
export function allBrandSearchTexts(brands: readonly BrandQuery[], dialect: SourceDialect): string[] {
  return [...new Set(brands.flatMap((b) => brandSearchTexts(b, dialect)))];
}

/** One Reddit search covering every brand: `acme OR ("globex corp" AND NOT anvil)`. */
export function anyBrandSearchText(brands: readonly BrandQuery[]): string {
  const texts = allBrandSearchTexts(brands, 'reddit');
  return texts.length === 1
    ? (texts[0] as string)
    : texts.map((t) => (/\s/.test(t) && !/^"[^"]*"$/.test(t) ? `(${t})` : t)).join(' OR ');
}
