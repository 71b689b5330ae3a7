/**
 * Turns a brand's query into the `q` of searchPosts. Kept in one function so it can switch to the shared
 * brand-query compiler (`connectors/query/`) without touching the connector.
 */
import type { BrandQuery } from '../../core/connector.js';

/** The searchPosts `q` for a brand: its query text as written (Bluesky accepts quotes and `-term`). */
export function blueskySearchText(brand: BrandQuery): string {
  return brand.query.trim() || brand.name;
}
