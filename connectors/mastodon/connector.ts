/**
 * The Mastodon connector instance, for one instance: one stream per followed hashtag
 * (`/api/v1/timelines/tag/:tag`, paged by the `Link` header's `max_id`, incremental with `since_id`) and,
 * with a token, one per brand search (`/api/v2/search?type=statuses`, incremental with `min_id`). Statuses
 * come newest first; each poll walks down to the newest id already delivered.
 */
import type { Connector, ConnectorContext, PageResult } from '../../core/connector.js';
import { durationMs } from '../../core/config/index.js';
import { ConnectorConfigError, PaginationLoopError, TransientSourceError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { httpRequest, isoResetWaitMs, parseLinkHeader } from '../http.js';
import { toSourceQueries } from '../../matching/index.js';
import { brandSearches } from '../shared/brand-searches.js';
import type { MastodonOptions } from './options.js';
import { compareIds, normalizeStatuses, readStatuses } from './parse.js';

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
export interface MastodonCursor {
  streams: Record<string, MastodonStream>;
}

/** One stream: a hashtag timeline or a brand search. */
export interface MastodonStreamSpec {
  key: string;
  what: string;
  path: string;
  params: Record<string, string>;
  kind: 'tag' | 'search';
}

const maxId = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined ? a : compareIds(a, b) >= 0 ? a : b;

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

  return { base, streamsOf, request, nextMaxId };
}

/** Builds the connector for one configured Mastodon source. */
export function createMastodonConnector(ctx: ConnectorContext<MastodonOptions>): Connector<MastodonCursor> {
  const { options, sourceId } = ctx;
  const { streamsOf, request, nextMaxId: nextMaxIdOf } = mastodonStreams(ctx);

  async function fetchStream(stream: MastodonStreamSpec, state: MastodonStream) {
    const walk = state.walk;
    const { statuses, next } = await request(stream, {
      limit: options.pageSize,
      ...(stream.kind === 'tag' ? { since_id: state.sinceId } : { min_id: state.sinceId }),
      max_id: walk?.maxId,
    });
    const { statuses: normalized, skipped } = normalizeStatuses(statuses, sourceId);
    const cutoff = ctx.now() - durationMs(options.initialLookback);
    const mentions: FetchedMention[] = [];
    let newestId = walk?.newestId;
    let oldestId: string | undefined;
    let reachedWatermark = false;
    for (const s of normalized) {
      oldestId = oldestId === undefined || compareIds(s.id, oldestId) < 0 ? s.id : oldestId;
      const fresh =
        state.sinceId === undefined ? s.mention.published_at >= cutoff : compareIds(s.id, state.sinceId) > 0;
      if (!fresh) {
        reachedWatermark = true;
        continue;
      }
      mentions.push(s.mention);
      newestId = maxId(newestId, s.id);
    }
    const nextMaxId = nextMaxIdOf(stream, statuses.length, next, oldestId);
    const done = () => ({ mentions, skipped, state: { sinceId: maxId(state.sinceId, newestId) } });
    if (!nextMaxId || statuses.length === 0 || reachedWatermark) return done();
    const seen = walk ? [...walk.seen, walk.maxId] : [];
    if (seen.includes(nextMaxId) || nextMaxId === walk?.maxId)
      throw new PaginationLoopError(
        `Mastodon ${stream.what} on ${options.instanceUrl} led back to max_id ${nextMaxId} for ${sourceId}; ` +
          'stopping instead of looping',
        sourceId,
      );
    return {
      mentions,
      skipped,
      state: { sinceId: state.sinceId, walk: { maxId: nextMaxId, seen, newestId } },
    };
  }

  return {
    async check() {
      try {
        const [first] = streamsOf();
        await request(first!, { limit: 1 });
        return { ok: true, detail: `${first!.what} readable on ${options.instanceUrl}` };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },

    async fetchPage(cursor): Promise<PageResult<MastodonCursor>> {
      const list = streamsOf();
      const streams: Record<string, MastodonStream> = {};
      for (const { key } of list) streams[key] = cursor?.streams[key] ?? {};
      const walking = Object.values(streams).some((s) => s.walk);
      const mentions: FetchedMention[] = [];
      const delivered = new Set<string>();
      let skippedInvalid = 0;
      for (const stream of list) {
        const state = streams[stream.key]!;
        if (walking && !state.walk) continue;
        const result = await fetchStream(stream, state);
        // A status can be on several followed tags: deliver it once per page.
        for (const m of result.mentions)
          if (!delivered.has(m.native_id)) {
            delivered.add(m.native_id);
            mentions.push(m);
          }
        skippedInvalid += result.skipped;
        streams[stream.key] = result.state;
      }
      return {
        mentions,
        cursor: { streams },
        caughtUp: Object.values(streams).every((s) => !s.walk),
        skippedInvalid,
      };
    },
  };
}
