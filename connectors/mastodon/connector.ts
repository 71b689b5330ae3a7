/**
 * The Mastodon connector instance, for one instance: one stream per followed hashtag
 * (`/api/v1/timelines/tag/:tag`, paged by the `Link` header's `max_id`, incremental with `since_id`) and,
 * with a token, one per brand search (`/api/v2/search?type=statuses`, incremental with `min_id`). Statuses
 * come newest first; each poll walks down to the newest id already delivered.
 */
import type { Connector, ConnectorContext, PageResult } from '../../core/connector.js';
import { durationMs } from '../../core/config/index.js';
import { ConnectorConfigError, TransientSourceError } from '../../core/errors.js';
import { safeCheck } from '../../platform/health.js';
import { httpRequest, isoResetWaitMs, parseLinkHeader } from '../http.js';
import { toSourceQueries } from '../../matching/index.js';
import { brandSearches } from '../shared/brand-searches.js';
import { byDecimalId } from '../shared/decimal-ids.js';
import { type NormalizedPage, normalizeAll } from '../shared/records.js';
import {
  pollWalks,
  type StreamCodec,
  type StreamsCursor,
  type StreamPage,
  type WalkName,
} from '../shared/streams.js';
import type { MastodonOptions } from './options.js';
import { compareIds, type NormalizedStatus, normalizeStatus, readStatuses } from './parse.js';

/** Progress through one stream in the current poll. */
export interface MastodonWalk {
  /** `max_id` to request next. */
  maxId: string;
  /** `max_id`s already requested; a repeat means pagination is looping. */
  seen: string[];
  /** Newest status id seen during this walk. */
  newestId?: string;
}

/** Per tag / search state: the newest status id delivered (`since_id`) and the walk in progress. */
export interface MastodonStream {
  sinceId?: string;
  walk?: MastodonWalk;
}

/** The persisted cursor, keyed `tag:<tag>` / `search:<brand>:<query>`. JSON-serializable. */
export type MastodonCursor = StreamsCursor<MastodonStream>;

/** A stream's state as the walk helper sees it: the mark is `sinceId`, the token `maxId`. */
const STORED: StreamCodec<MastodonStream, string | undefined> = {
  read: ({ sinceId, walk }) => ({
    mark: sinceId,
    walk: walk && { token: walk.maxId, seen: walk.seen, newest: walk.newestId },
  }),
  write: (sinceId, walk) =>
    walk ? { sinceId, walk: { maxId: walk.token, seen: walk.seen, newestId: walk.newest } } : { sinceId },
};

/** One stream: a hashtag timeline or a brand search. */
export interface MastodonStreamSpec {
  key: string;
  what: string;
  path: string;
  params: Record<string, string>;
  kind: 'tag' | 'search';
}

/** The lowest id of a page's statuses (the `max_id` below a v2 search page, which has no Link header). */
export const oldestId = (page: NormalizedPage<NormalizedStatus>): string | undefined =>
  page.records.reduce<string | undefined>(
    (min, s) => (min === undefined || compareIds(s.id, min) < 0 ? s.id : min),
    undefined,
  );

/**
 * The stream list and request functions of one Mastodon source, shared by the scheduled connector and the
 * backfill: `streamsOf()` lists tag timelines and searches, `request()` reads one page, `nextMaxId()` says
 * where the page below starts (the Link header's `max_id` for timelines; the oldest id of a full page for
 * v2 search, which sends no Link header).
 */
export function mastodonStreams(ctx: ConnectorContext<MastodonOptions>) {
  const { options, sourceId } = ctx;
  const base = (options.baseUrl ?? options.instanceUrl).replace(/\/+$/, '');
  const token = ctx.credentials.accessToken;
  const searchOn = options.search ?? token !== undefined;

  function streamsOf(): MastodonStreamSpec[] {
    if (searchOn && !token)
      throw new ConnectorConfigError(
        `source ${sourceId}: "search: true" needs the "accessToken" credential (a user token with read:search); ` +
          'create one under Preferences → Development on your instance',
        sourceId,
      );
    const tags = new Set(options.hashtags.map((t) => t.replace(/^#/, '').toLowerCase()));
    for (const brand of ctx.brands) {
      try {
        for (const tag of toSourceQueries(brand.query, 'mastodon-tags') ?? []) tags.add(tag.toLowerCase());
      } catch {
        // an invalid query is reported by brandSearches / the config check
      }
    }
    const streams: MastodonStreamSpec[] = [...tags].map((tag) => ({
      key: `tag:${tag}`,
      what: `#${tag}`,
      path: `/api/v1/timelines/tag/${encodeURIComponent(tag)}`,
      params: {},
      kind: 'tag',
    }));
    if (searchOn)
      for (const s of brandSearches(ctx.brands, 'mastodon', sourceId, ctx.logger))
        streams.push({
          key: `search:${s.key}`,
          what: `search ${JSON.stringify(s.q)}`,
          path: '/api/v2/search',
          params: { q: s.q, type: 'statuses' },
          kind: 'search',
        });
    if (streams.length === 0)
      throw new ConnectorConfigError(
        `source ${sourceId}: nothing to read on ${options.instanceUrl}; list "hashtags", use hashtag brand queries ` +
          '(e.g. "#acme"), or configure the "accessToken" credential for full-text search',
        sourceId,
      );
    return streams;
  }

  async function request(stream: MastodonStreamSpec, params: Record<string, string | number | undefined>) {
    const res = await httpRequest<unknown>({
      sourceId,
      service: 'Mastodon',
      url: `${base}${stream.path}`,
      params: { ...stream.params, ...params },
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      expect: 'json',
      authHint: `the "accessToken" credential (for ${stream.what}${stream.kind === 'tag' ? '; this instance may ' + 'require a token for hashtag timelines' : ''})`,
      rateLimitWait: isoResetWaitMs,
      now: ctx.now,
    });
    const statuses = readStatuses(res.text);
    if (!statuses)
      throw new TransientSourceError(
        `Mastodon ${stream.what} answered without statuses for ${sourceId}`,
        sourceId,
      );
    return { statuses, next: parseLinkHeader(res.headers.link).next };
  }

  function nextMaxId(
    stream: MastodonStreamSpec,
    pageLength: number,
    next: string | undefined,
    oldestId: string | undefined,
  ): string | undefined {
    if (stream.kind === 'tag')
      return next ? (new URL(next, base).searchParams.get('max_id') ?? undefined) : undefined;
    return pageLength >= options.pageSize ? oldestId : undefined;
  }

  /** One page of a stream, normalized, with the `max_id` of the page below (absent at the end). */
  async function readPage(
    stream: MastodonStreamSpec,
    params: Record<string, string | number | undefined>,
  ): Promise<StreamPage<NormalizedStatus>> {
    const { statuses, next } = await request(stream, { limit: options.pageSize, ...params });
    const normalized = normalizeAll(statuses, normalizeStatus, sourceId);
    return { ...normalized, next: nextMaxId(stream, statuses.length, next, oldestId(normalized)) };
  }

  return { base, streamsOf, request, readPage };
}

/** The name of a stream's walk in `PaginationLoopError` messages. */
export const walkName = (stream: MastodonStreamSpec, ctx: ConnectorContext<MastodonOptions>): WalkName => ({
  what: `Mastodon ${stream.what} on ${ctx.options.instanceUrl}`,
  sourceId: ctx.sourceId,
});

/** Builds the connector for one configured Mastodon source. */
export function createMastodonConnector(ctx: ConnectorContext<MastodonOptions>): Connector<MastodonCursor> {
  const { options } = ctx;
  const { streamsOf, request, readPage } = mastodonStreams(ctx);

  return {
    check: () =>
      safeCheck(async () => {
        const [first] = streamsOf();
        await request(first!, { limit: 1 });
        return `${first!.what} readable on ${options.instanceUrl}`;
      }),

    async fetchPage(cursor): Promise<PageResult<MastodonCursor>> {
      return pollWalks(streamsOf(), cursor, {
        codec: STORED,
        order: byDecimalId<NormalizedStatus>(ctx.now() - durationMs(options.initialLookback)),
        start: () => ({}),
        read: (stream, { sinceId, walk }) =>
          readPage(stream, {
            ...(stream.kind === 'tag' ? { since_id: sinceId } : { min_id: sinceId }),
            max_id: walk?.maxId,
          }),
        name: (stream) => walkName(stream, ctx),
      });
    },
  };
}
