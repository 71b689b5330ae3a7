/**
 * The connector contract (DESIGN.md §4). A connector turns one source's API into `FetchedMention`s, one
 * page at a time, behind a JSON-serializable cursor that only ever moves forward. Connectors are pure
 * libraries: no Temporal, no `process.env`; credentials and options arrive already resolved.
 */
import type { z } from 'zod';
import type { HealthResult } from './errors.js';
import type { Logger } from './logger.js';
import type { FetchedMention } from './mention.js';

/** A brand a source listens for, with its query in Earshot's brand query language. */
export interface BrandQuery {
  key: string;
  name: string;
  /** Query text, e.g. `("acme air" OR @acmeair) AND NOT anvil`. */
  query: string;
  /** The brand's own accounts on this source's network (`brands[].accounts.<type>`), e.g. to read its replies. */
  accounts?: readonly string[];
}

/** Everything a connector instance needs, resolved by the composition root. */
export interface ConnectorContext<Options> {
  /** Configured source instance id, e.g. `reddit-main`; named in every error. */
  sourceId: string;
  /** Options validated by the definition's `optionsSchema`. */
  options: Options;
  /** Credential values by key (taken from the env vars the config names); never logged. */
  credentials: Record<string, string>;
  brands: BrandQuery[];
  logger: Logger;
  /** Clock, injectable for tests. */
  now: () => number;
}

/** One page of results. */
export interface PageResult<Cursor> {
  mentions: FetchedMention[];
  /** Cursor to persist once `mentions` are stored. Never behind the cursor the page was fetched with. */
  cursor: Cursor;
  /** True when there is nothing newer to fetch right now. */
  caughtUp: boolean;
  /** Records on the page that could not be normalized (skipped and counted, never fatal). */
  skippedInvalid: number;
}

/** Result of parsing one raw API response body, for `earshot connectors parse`. */
export interface ParsedBody {
  mentions: FetchedMention[];
  skippedInvalid: number;
}

/** A live connector instance for one configured source. */
export interface Connector<Cursor = unknown> {
  /** Validates credentials and reachability with one cheap call. Never throws. */
  check(): Promise<HealthResult>;
  /**
   * Fetches the next page after `cursor` (`null` = first poll).
   * @throws ConnectorAuthError (fatal), RateLimitedError (retry after), TransientSourceError (retry),
   *   PaginationLoopError (stop), ConnectorConfigError (fatal).
   */
  fetchPage(cursor: Cursor | null): Promise<PageResult<Cursor>>;
}

/** A time range for backfill, epoch milliseconds, `to` exclusive. */
export interface TimeRange {
  from: number;
  to: number;
}

/** Declares a source type: its id, options, credentials and how to build an instance. */
export interface ConnectorDefinition<Options = unknown, Cursor = unknown> {
  /** Source type id used in config and on the command line: `rss`, `reddit`, … */
  type: string;
  /** Validates and defaults `sources[].options`. */
  optionsSchema: z.ZodType<Options>;
  /** Credential keys; config maps each key to the name of an environment variable. */
  credentials: ReadonlyArray<{ key: string; required: boolean; description: string }>;
  create(ctx: ConnectorContext<Options>): Connector<Cursor>;
  /** Creates an instance that walks `range` of the source's history, where the API allows it. */
  createBackfill?(ctx: ConnectorContext<Options>, range: TimeRange): Connector<Cursor>;
  /** Normalizes a raw response body (as the API returned it) without any network call. */
  parse(body: string, sourceId?: string): ParsedBody;
  /**
   * `maxRequestsPerSecond` when a source's config sets none. Sources without a remote API (the demo
   * generator, local files) are not rate-limited by anyone but Temporal's task queue, which this paces.
   * @default 1
   */
  defaultRequestsPerSecond?: number;
}
