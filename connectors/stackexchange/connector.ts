/**
 * The Stack Exchange connector instance: one stream per (site, brand search) over `/search/advanced`,
 * newest questions first (`sort=creation`), incremental with `fromdate` at the stream's watermark. Pages
 * go down in time through `todate` (a time bound, so new questions arriving mid-walk cannot shift pages,
 * and a page served twice is a repeated token).
 *
 * The API's `backoff` field is honoured exactly (backoff.ts). The quota fields are logged with every
 * response and reported by `check()`.
 */
import type { Connector, ConnectorContext, PageResult } from '../../core/connector.js';
import type { FetchedMention } from '../../core/mention.js';
import {
  ConnectorAuthError,
  ConnectorConfigError,
  RateLimitedError,
  TransientSourceError,
} from '../../core/errors.js';
import { safeCheck } from '../../platform/health.js';
import { DEFAULT_RATE_LIMIT_WAIT_MS, httpRequest } from '../http.js';
import { brandSearches } from '../shared/brand-searches.js';
import {
  BY_PUBLISHED,
  firstStream,
  fromLookback,
  pollStreams,
  type StreamPage,
  type StreamsCursor,
  type WalkName,
  walkStream,
  watermarkCodec,
  type WatermarkStream,
} from '../shared/streams.js';
import { type BackoffGate, type BackoffState, pageUnderBackoff } from './backoff.js';
import type { StackExchangeOptions } from './options.js';
import { type ApiError, normalizeWrapper, readApiError, toWrapper, type Wrapper } from './parse.js';

/** The method every stream calls; `backoff` applies per method. */
export const SEARCH_METHOD = '/search/advanced';

/** A stream's state: its watermark and the walk in progress (`todate` of the next page, in epoch s). */
export type StackExchangeStream = WatermarkStream<'todate'>;

/** The persisted cursor: per stream state, and until when `/search/advanced` must not be called. */
export type StackExchangeCursor = StreamsCursor<StackExchangeStream> & BackoffState;

const CODEC = watermarkCodec('todate');

/** One search: a brand search on one site. */
export interface Search {
  key: string;
  site: string;
  q: string;
}

/** What the quota fields said on the last response. */
interface Quota {
  remaining?: number;
  max?: number;
}

/** The name of a search's walk in `PaginationLoopError` messages. */
export const walkName = (search: Search, sourceId: string): WalkName => ({
  what: `Stack Exchange search ${JSON.stringify(search.q)} on ${search.site}`,
  sourceId,
});

/**
 * The searches and page reads of one Stack Exchange source, shared by the scheduled connector and the
 * backfill.
 */
export function stackExchangeSearches(ctx: ConnectorContext<StackExchangeOptions>) {
  const { options, sourceId } = ctx;
  const base = options.baseUrl.replace(/\/+$/, '');
  const key = ctx.credentials.key;
  let quota: Quota = {};

  function searchesOf(): Search[] {
    const searches = brandSearches(ctx.brands, 'stackexchange', sourceId, ctx.logger);
    return options.sites.flatMap((site) => searches.map((s) => ({ key: `${site}:${s.key}`, site, q: s.q })));
  }

  /** Sends one search; `backoff` is returned for the caller to honour. */
  async function request(search: Search, params: Record<string, string | number | undefined>) {
    const res = await httpRequest<unknown>({
      sourceId,
      service: 'Stack Exchange',
      url: `${base}${SEARCH_METHOD}`,
      params: {
        site: search.site,
        q: search.q,
        sort: 'creation',
        order: 'desc',
        pagesize: options.pageSize,
        tagged: options.tagged.length > 0 ? options.tagged.join(';') : undefined,
        filter: options.includeBody ? 'withbody' : undefined,
        key,
        ...params,
      },
      expect: 'json',
      authHint: 'the "key" credential and the access token, if any',
      // Every API error is an error wrapper (HTTP 400, or its error_id as status): read it here.
      passStatuses: [400, 502, 503],
      now: ctx.now,
    });
    if (res.status !== 200) throw apiError(res.status, res.text, search);
    const wrapper = toWrapper(res.body);
    if (!wrapper)
      throw new TransientSourceError(
        `Stack Exchange answered without a question list for ${sourceId} (${search.site})`,
        sourceId,
      );
    reportQuota(wrapper, search.site);
    return wrapper;
  }

  function apiError(status: number, text: string, search: Search): Error {
    const error = readApiError(text);
    const what = error
      ? `error ${error.error_id} ${error.error_name}: ${JSON.stringify(error.error_message.slice(0, 200))}`
      : `HTTP ${status}`;
    const where = `${SEARCH_METHOD} on ${search.site} for ${sourceId}`;
    if (!error) return new TransientSourceError(`Stack Exchange failed (${what}) at ${where}`, sourceId);
    return classifyApiError(error, what, where);
  }

  function classifyApiError(error: ApiError, what: string, where: string): Error {
    switch (error.error_id) {
      case 502: {
        // Quota exhaustion says when in the message; a backoff violation does not.
        const seconds = /available in (\d+) seconds?/i.exec(error.error_message)?.[1];
        const waitMs = seconds ? Number(seconds) * 1000 : DEFAULT_RATE_LIMIT_WAIT_MS;
        return new RateLimitedError(
          `Stack Exchange throttled ${where} (${what}); retrying in ${Math.ceil(waitMs / 1000)} s. ` +
            (key
              ? ''
              : 'Without a "key" credential the quota is 300 requests a day per IP; register an app key on stackapps.com'),
          sourceId,
          waitMs,
        );
      }
      case 401:
      case 402:
      case 403:
      case 406:
        return new ConnectorAuthError(
          `Stack Exchange refused ${where} (${what}); check the "key" credential`,
          sourceId,
        );
      case 400:
      case 404:
      case 405:
        return new ConnectorConfigError(
          `Stack Exchange rejected ${where} (${what}); check the source's "sites", "tagged" and the brand queries`,
          sourceId,
        );
      default:
        return new TransientSourceError(
          `Stack Exchange failed (${what}) at ${where}; it will be retried`,
          sourceId,
        );
    }
  }

  function reportQuota(wrapper: Wrapper, site: string) {
    quota = { remaining: wrapper.quota_remaining, max: wrapper.quota_max };
    const fields = { source: sourceId, site, quota_remaining: quota.remaining, quota_max: quota.max };
    if (quota.remaining !== undefined && quota.max !== undefined && quota.remaining < quota.max / 10)
      ctx.logger.warn(fields, 'Stack Exchange daily quota nearly used up');
    else ctx.logger.debug(fields, 'Stack Exchange quota');
  }

  /**
   * One page of a search from `fromdate` (epoch s) down to `todate` (absent at the first page), normalized,
   * with the `todate` of the page below while `has_more`. That bound is one second after the page's oldest
   * question: `todate` may be inclusive or not, so the boundary second is read again (the walk delivers each
   * question once).
   */
  async function readPage(
    search: Search,
    gate: Pick<BackoffGate<unknown>, 'note'>,
    fromdate: number,
    todate: string | undefined,
  ): Promise<StreamPage<FetchedMention>> {
    const wrapper = await request(search, { fromdate, todate });
    gate.note(wrapper.backoff);
    const normalized = normalizeWrapper(wrapper, sourceId);
    const oldest = Math.min(...normalized.records.map((m) => m.published_at));
    const next =
      wrapper.has_more && normalized.records.length > 0 ? String(Math.floor(oldest / 1000) + 1) : undefined;
    return { ...normalized, next };
  }

  const quotaText = () =>
    quota.remaining === undefined
      ? 'quota not reported'
      : `quota ${quota.remaining}/${quota.max ?? '?'} left today`;

  return { searchesOf, request, readPage, quotaText };
}

/** Builds the connector for one configured Stack Exchange source. */
export function createStackExchangeConnector(
  ctx: ConnectorContext<StackExchangeOptions>,
): Connector<StackExchangeCursor> {
  const { options, sourceId } = ctx;
  const { searchesOf, request, readPage, quotaText } = stackExchangeSearches(ctx);
  return {
    check: () =>
      safeCheck(async () => {
        const search = firstStream(searchesOf(), sourceId, 'brand query Stack Exchange can search');
        await request(search, { pagesize: 1, filter: undefined });
        return `${SEARCH_METHOD} answers on ${search.site}; ${quotaText()}`;
      }),

    async fetchPage(cursor): Promise<PageResult<StackExchangeCursor>> {
      const settings = {
        now: ctx.now,
        sourceId,
        method: SEARCH_METHOD,
        walking: (s: StackExchangeStream) => s.walk !== undefined,
      };
      return pageUnderBackoff(cursor, settings, (gate) =>
        pollStreams<Search, StackExchangeStream>(
          searchesOf(),
          cursor,
          fromLookback(ctx.now(), options.initialLookback),
          (search, state) =>
            gate.read(search.key, state, async () => {
              const { mark, walk } = CODEC.read(state);
              const page = await readPage(search, gate, Math.floor(mark.at / 1000), walk?.token);
              return walkStream(page, state, CODEC, BY_PUBLISHED, walkName(search, sourceId));
            }),
        ),
      );
    },
  };
}
