/**
 * Compiles every brand's query to a source's search syntax once per poll, for connectors that run one
 * remote search per (brand, compiled query) and keep a cursor per search.
 */
import type { BrandQuery } from '../../core/connector.js';
import { ConnectorConfigError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { type SourceDialect, QuerySyntaxError, toSourceQueries } from '../../matching/index.js';

/** One remote search: the brand it serves and the query text to send. */
export interface BrandSearch {
  brand: BrandQuery;
  q: string;
  /** Stable key for per-search cursor state: `<brand key>:<query text>`. */
  key: string;
}

/**
 * The searches to run for `brands` in `dialect`. A brand the source cannot search (a query that is only
 * exclusions) is skipped with a warning.
 * @throws ConnectorConfigError when a brand query does not parse.
 */
export function brandSearches(
  brands: BrandQuery[],
  dialect: SourceDialect,
  sourceId: string,
  logger: Logger,
): BrandSearch[] {
  return brands.flatMap((brand) => {
    let queries: string[] | null;
    try {
      queries = toSourceQueries(brand.query, dialect);
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      throw new ConnectorConfigError(
        `brand "${brand.key}" of source ${sourceId} has an invalid query: ${error.message}`,
        sourceId,
        { cause: error },
      );
    }
    if (!queries) {
      logger.warn(
        { source: sourceId, brand: brand.key },
        `the query of brand "${brand.key}" cannot be searched on ${dialect} (it needs at least one word, phrase or tag to look for); skipping it`,
      );
      return [];
    }
    return queries.map((q) => ({ brand, q, key: `${brand.key}:${q}` }));
  });
}
