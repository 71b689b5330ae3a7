/**
 * The X connector instance: one stream per brand search (`GET /2/tweets/search/recent`), plus one per brand
 * with X accounts for that brand's own replies (`from:` the accounts, so response times can be measured).
 * Posts come newest first through `next_token`; each poll asks only for posts after the newest id already
 * delivered (`since_id`) and walks every page of that set. The first poll reaches `initialLookback` back.
 */
import type { BrandQuery, Connector, ConnectorContext, PageResult } from '../../core/connector.js';
import { durationMs } from '../../core/config/index.js';
import { ConnectorConfigError, RateLimitedError, TransientSourceError } from '../../core/errors.js';
import { safeCheck } from '../../platform/health.js';
import {
  DEFAULT_RATE_LIMIT_WAIT_MS,
  epochResetWaitMs,
  httpRequest,
  retryAfterHeaderMs,
  type HeaderMap,
} from '../http.js';
import { brandSearches } from '../shared/brand-searches.js';
import { byDecimalId } from '../shared/decimal-ids.js';
import {
  firstStream,
  pollWalks,
  type StreamCodec,
  type StreamPage,
  type StreamsCursor,
} from '../shared/streams.js';
import { isoOf } from '../shared/backfill.js';
import { type XOptions, RECENT_SEARCH_WINDOW_MS } from './options.js';
import { normalizeSearchBody, type NormalizedPost, snowflakeTime, toSearchBody } from './parse.js';

/** Fields asked for on every post and author: what normalization and reply threads read. */
export const TWEET_FIELDS =
  'created_at,author_id,lang,public_metrics,conversation_id,in_reply_to_user_id,referenced_tweets';
export const USER_FIELDS = 'username,public_metrics';

/** Per search state: the newest post id delivered (`since_id`) and the walk in progress. */
export interface XStream {
  sinceId?: string;
  walk?: { nextToken: string; seen: string[]; newestId?: string };
}

/** The persisted cursor, keyed `<brand>:<query>` (and `replies:<brand>`). JSON-serializable. */
export type XCursor = StreamsCursor<XStream>;

const STORED: StreamCodec<XStream, string | undefined> = {
  read: ({ sinceId, walk }) => ({
    mark: sinceId,
    walk: walk && { token: walk.nextToken, seen: walk.seen, newest: walk.newestId },
  }),
  write: (sinceId, walk) =>
    walk ? { sinceId, walk: { nextToken: walk.token, seen: walk.seen, newestId: walk.newest } } : { sinceId },
};

const HOUR_MS = 3_600_000;

/** One remote search. */
interface XSearch {
  key: string;
  query: string;
}

/** True when `q` has an `OR` outside parentheses and quotes. */
function hasTopLevelOr(q: string): boolean {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < q.length; i++) {
    const c = q[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && q.startsWith(' OR ', i)) return true;
  }
  return false;
}

/** Keeps a query clear of X's precedence (AND before OR) when operators are appended. */
const grouped = (q: string): string => (hasTopLevelOr(q) ? `(${q})` : q);

/** An X handle as `from:` takes it (no `@`, 1–15 letters, digits or `_`). */
const HANDLE = /^@?([A-Za-z0-9_]{1,15})$/;

function searchesOf(ctx: ConnectorContext<XOptions>): XSearch[] {
  const { options, sourceId } = ctx;
  const suffix = [
    options.excludeRetweets ? '-is:retweet' : '',
    options.lang ? `lang:${options.lang}` : '',
    options.extraOperators ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  const full = (q: string) => (suffix ? `${grouped(q)} ${suffix}` : q);
  const searches: XSearch[] = brandSearches(ctx.brands, 'x', sourceId, ctx.logger).map((s) => ({
    key: s.key,
    query: full(s.q),
  }));
  for (const brand of ctx.brands) {
    const handles = accountHandles(brand, sourceId);
    if (handles.length === 0) continue;
    const from = handles.map((h) => `from:${h}`).join(' OR ');
    // Only replies: the brand's answers are what response times need; its own posts are in the search.
    searches.push({ key: `replies:${brand.key}`, query: `(${from}) is:reply` });
  }
  for (const s of searches)
    if (s.query.length > options.maxQueryLength)
      throw new ConnectorConfigError(
        `source ${sourceId}: the X query ${JSON.stringify(s.query.slice(0, 80))}… is ${s.query.length} characters, ` +
          `over the plan's limit of ${options.maxQueryLength}; shorten the brand query (or the accounts list), ` +
          'or raise "maxQueryLength" if your plan allows longer queries (Pro: 4096)',
        sourceId,
      );
  return searches;
}

function accountHandles(brand: BrandQuery, sourceId: string): string[] {
  return (brand.accounts ?? []).map((account) => {
    const m = HANDLE.exec(account.trim());
    if (!m)
      throw new ConnectorConfigError(
        `brand "${brand.key}" lists the X account ${JSON.stringify(account)} for source ${sourceId}; ` +
          'an X handle is 1–15 letters, digits or "_" (e.g. "acme_support")',
        sourceId,
      );
    return m[1]!;
  });
}

/** True when an X error body says the project's monthly post cap is used up. */
const usageCapped = (text: string): boolean => /usage-capped|UsageCapExceeded|usage cap/i.test(text);

/** Builds the connector for one configured X source. */
export function createXConnector(ctx: ConnectorContext<XOptions>): Connector<XCursor> {
  const { options, sourceId } = ctx;
  const base = options.baseUrl.replace(/\/+$/, '');
  const token = ctx.credentials.bearerToken;

  async function request(params: Record<string, string | number | undefined>) {
    if (!token)
      throw new ConnectorConfigError(
        `source ${sourceId} needs the "bearerToken" credential (an app's bearer token from the X developer portal)`,
        sourceId,
      );
    const res = await httpRequest<unknown>({
      sourceId,
      service: 'X',
      url: `${base}/2/tweets/search/recent`,
      params,
      headers: { Authorization: `Bearer ${token}` },
      expect: 'json',
      authHint: 'the "bearerToken" credential (the app must belong to a Project with recent-search access)',
      passStatuses: [429],
      now: ctx.now,
    });
    if (res.status === 429) throw rateLimited(res.headers, res.text);
    logRateLimit(res.headers);
    const body = toSearchBody(res.body);
    if (!body) throw new TransientSourceError(`X answered without a search result for ${sourceId}`, sourceId);
    return body;
  }

  function rateLimited(headers: HeaderMap, text: string): RateLimitedError {
    if (usageCapped(text))
      // The cap resets with the plan's billing month, which the response does not say: check daily.
      return new RateLimitedError(
        `X monthly post cap reached for ${sourceId}: every post returned counts against the plan's cap ` +
          '(Free 1,500 / Basic 10,000 / Pro 1,000,000 a month); polling resumes when it resets. Narrow the brand ' +
          'queries or lower the poll interval to use less of it',
        sourceId,
        24 * 3_600_000,
      );
    const now = ctx.now();
    const waitMs =
      retryAfterHeaderMs(headers, now) ?? epochResetWaitMs(headers, now) ?? DEFAULT_RATE_LIMIT_WAIT_MS;
    return new RateLimitedError(
      `X rate limit reached for ${sourceId} (HTTP 429, ${headers['x-rate-limit-remaining'] ?? '?'} of ` +
        `${headers['x-rate-limit-limit'] ?? '?'} requests left in the 15-minute window); retrying in ${Math.ceil(waitMs / 1000)} s`,
      sourceId,
      waitMs,
    );
  }

  function logRateLimit(headers: HeaderMap) {
    const remaining = headers['x-rate-limit-remaining'];
    if (remaining === undefined) return;
    const fields = {
      source: sourceId,
      remaining,
      limit: headers['x-rate-limit-limit'],
      reset: headers['x-rate-limit-reset'],
    };
    if (Number(remaining) === 0)
      ctx.logger.warn(fields, 'X rate-limit window used up; the next request waits for its reset');
    else ctx.logger.debug(fields, 'X rate limit');
  }

  /**
   * The request for one page: after `sinceId` while it lies inside the seven-day window (X refuses older
   * ids), else from the window's start (or the initial lookback on a first poll).
   */
  function pageParams(sinceId: string | undefined, nextToken: string | undefined) {
    const now = ctx.now();
    // Whole hours, so every page of one walk sends the same start_time (a next_token belongs to its query);
    // the window's start rounds up (with a minute's margin for X's clock), the lookback down.
    const windowStart = Math.ceil((now - RECENT_SEARCH_WINDOW_MS + 60_000) / HOUR_MS) * HOUR_MS;
    const inWindow = sinceId !== undefined && snowflakeTime(sinceId) > windowStart;
    const startTime =
      sinceId === undefined
        ? Math.floor((now - durationMs(options.initialLookback)) / HOUR_MS) * HOUR_MS
        : windowStart;
    return {
      max_results: options.maxResults,
      'tweet.fields': TWEET_FIELDS,
      expansions: 'author_id',
      'user.fields': USER_FIELDS,
      since_id: inWindow ? sinceId : undefined,
      start_time: inWindow ? undefined : isoOf(Math.max(startTime, windowStart)),
      next_token: nextToken,
    };
  }

  async function readPage(search: XSearch, state: XStream): Promise<StreamPage<NormalizedPost>> {
    const body = await request({ query: search.query, ...pageParams(state.sinceId, state.walk?.nextToken) });
    return { ...normalizeSearchBody(body, sourceId), next: body.next };
  }

  return {
    check: () =>
      safeCheck(async () => {
        const search = firstStream(searchesOf(ctx), sourceId, 'brand query X can search');
        await request({ query: search.query, max_results: 10 });
        return `recent search answers for ${JSON.stringify(search.query)}`;
      }),

    async fetchPage(cursor): Promise<PageResult<XCursor>> {
      return pollWalks(searchesOf(ctx), cursor, {
        codec: STORED,
        order: byDecimalId<NormalizedPost>(ctx.now() - durationMs(options.initialLookback)),
        start: () => ({}),
        read: readPage,
        name: (search) => ({ what: `X recent search ${JSON.stringify(search.query)}`, sourceId }),
      });
    },
  };
}
