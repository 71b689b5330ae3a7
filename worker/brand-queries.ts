/**
 * Brand queries from the config: each brand's query text (its `query`, or its keywords compiled to one)
 * and the start-up check that reports syntax errors with the column that is wrong.
 */
import type { Brand, EarshotConfig } from '../core/config/index.js';
import { formatConfigPath } from '../core/config/index.js';
import { ConfigError } from '../core/errors.js';
import { keywordsToQuery, parseQuery, QuerySyntaxError } from '../matching/index.js';

/** The query text of a brand: its `query`, or its keywords compiled to one. */
export const brandQueryText = (brand: Brand): string => brand.query ?? keywordsToQuery(brand.keywords);

/**
 * Checks every brand's query, so syntax errors stop start-up with the column that is wrong.
 * @throws ConfigError
 */
export function validateBrandQueries(config: EarshotConfig): void {
  const problems: string[] = [];
  config.brands.forEach((brand, i) => {
    try {
      parseQuery(brandQueryText(brand));
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      problems.push(
        `${formatConfigPath(['brands', i, brand.query ? 'query' : 'keywords'])}: ${error.message}`,
      );
    }
  });
  if (problems.length) throw new ConfigError('Invalid brand query', problems);
}

/** A brand's own accounts on one source type (`brands[].accounts.<type>`); none for other types. */
export function brandAccounts(brand: Brand, type: string): string[] {
  const accounts = brand.accounts as Record<string, string[] | undefined> | undefined;
  return accounts?.[type] ?? [];
}

/** How an account list compares with a mention's author: case-insensitive, a leading `@` ignored. */
const handleKey = (handle: string): string => handle.trim().replace(/^@/, '').toLowerCase();

/** A test for "the author is one of `accounts`", or undefined when there are none. */
export function ownsAuthor(accounts: readonly string[]): ((author: string) => boolean) | undefined {
  if (accounts.length === 0) return undefined;
  const keys = new Set(accounts.map(handleKey));
  return (author) => keys.has(handleKey(author));
}
