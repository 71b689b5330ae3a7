/**
 * The GitHub connector instance: one `/search/issues` stream per brand search and type (`is:issue` /
 * `is:pull-request`), newest first (`sort=created&order=desc`), walked through `Link` pages down to the
 * watermark. A search returns at most 1,000 results, so a longer walk continues in a new time slice
 * (`created:FROM..<oldest seen>`).
 */
import type { Connector, ConnectorContext, PageResult } from '../../core/connector.js';
import { durationMs } from '../../core/config/index.js';
import { ConnectorConfigError, PaginationLoopError, TransientSourceError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { describeBody, epochResetWaitMs, httpRequest, parseLinkHeader } from '../http.js';
import { brandSearches } from '../shared/brand-searches.js';
import { type Watermark, advanceWatermark, isAfterWatermark, laterWatermark } from '../shared/watermark.js';
import type { GithubOptions } from './options.js';
import { normalizeIssues, readIssueSearchBody } from './parse.js';
import { githubQuery, isoSeconds } from './query.js';

/** GitHub serves at most this many results per search. */
export const SEARCH_RESULT_CAP = 1000;

/** Progress through one search in the current poll. */
export interface GithubWalk {
  /** Page to request next (1-based). */
  page: number;
  /** Upper `created` bound (ISO) of the current time slice; absent for the first slice. */
  upper?: string;
  /** Oldest creation time seen in the current slice (epoch ms). */
  oldest?: number;
  /** `upper|page` tokens already requested; a repeat means pagination is looping. */
  seen: string[];
  newest: Watermark;
}

/** Per brand-and-type state. */
export interface GithubStream {
  watermark: Watermark;
  walk?: GithubWalk;
}

/** The persisted cursor, keyed `<brand>:<query>:<type>`. JSON-serializable. */
export interface GithubCursor {
  streams: Record<string, GithubStream>;
}

const SERVICE = 'GitHub';
const AUTH_HINT = 'the GitHub token (credential "token": a fine-grained or classic token, no scopes needed)';

/** One search stream: a brand search and an `is:` type. */
export interface GithubStreamSpec {
  key: string;
  q: string;
  type: 'issue' | 'pr';
}

/**
 * The request and page-walk functions of one GitHub source, shared by the scheduled connector and the
 * backfill: `streamsOf()` lists the searches, `search()` runs one, `fetchStream()` reads one page of a
 * stream's walk down to its watermark (Link paging, new time slice at the 1,000-result cap).
 */
export function githubStreams(ctx: ConnectorContext<GithubOptions>) {
  const { options, sourceId } = ctx;
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = {
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': '2022-11-28',
    ...(ctx.credentials.token ? { Authorization: `Bearer ${ctx.credentials.token}` } : {}),
  };
  const streamsOf = (): GithubStreamSpec[] =>
    brandSearches(ctx.brands, 'github', sourceId, ctx.logger).flatMap((search) =>
      options.types.map((type) => ({ key: `${search.key}:${type}`, q: search.q, type })),
    );

  async function search(q: string, page: number, perPage: number) {
    const res = await httpRequest<unknown>({
      sourceId,
      service: SERVICE,
      url: `${base}/search/issues`,
      params: { q, sort: 'created', order: 'desc', per_page: perPage, page: page > 1 ? page : undefined },
      headers,
      expect: 'json',
      authHint: AUTH_HINT,
      rateLimitWait: epochResetWaitMs,
      passStatuses: [422],
      now: ctx.now,
    });
    if (res.status === 422) {
      let message = describeBody(res.text);
      try {
        const json = JSON.parse(res.text) as { message?: string; errors?: Array<{ message?: string }> };
        message = [json.message, ...(json.errors ?? []).map((e) => e.message)].filter(Boolean).join(': ');
      } catch {
        // keep the body preview
      }
      throw new ConnectorConfigError(
        `GitHub rejected the search of ${sourceId} (HTTP 422 ${message}) for q=${JSON.stringify(q)}; fix the brand ` +
          'query or the "qualifiers" option (see GitHub search syntax)',
        sourceId,
      );
    }
    const body = readIssueSearchBody(res.text);
    if (!body)
      throw new TransientSourceError(`GitHub search answered without "items" for ${sourceId}`, sourceId);
    return { body, next: parseLinkHeader(res.headers.link).next };
  }

  async function fetchStream(
    s: GithubStreamSpec,
    stream: GithubStream,
  ): Promise<{ mentions: FetchedMention[]; skipped: number; stream: GithubStream }> {
    const walk = stream.walk ?? { page: 1, seen: [], newest: stream.watermark };
    const q = githubQuery(s.q, s.type, options.qualifiers, stream.watermark.at, walk.upper);
    const { body, next } = await search(q, walk.page, options.pageSize);
    if (body.incompleteResults)
      ctx.logger.warn(
        { source: sourceId, stream: s.key },
        'GitHub search timed out; this page may miss results',
      );
    const { mentions: all, skippedInvalid } = normalizeIssues(body.items, sourceId);
    const mentions: FetchedMention[] = [];
    let newest = walk.newest;
    let oldest = walk.oldest;
    let reachedWatermark = false;
    for (const m of all) {
      oldest = Math.min(oldest ?? m.published_at, m.published_at);
      if (isAfterWatermark(stream.watermark, m.published_at, m.native_id)) {
        mentions.push(m);
        newest = advanceWatermark(newest, m.published_at, m.native_id);
      } else reachedWatermark = true;
    }
    const done = () => ({
      mentions,
      skipped: skippedInvalid,
      stream: { watermark: laterWatermark(stream.watermark, newest) },
    });
    if (all.length === 0 || reachedWatermark) return done();
    const seen = [...walk.seen, `${walk.upper ?? ''}|${walk.page}`];
    const nextPage = next ? Number(new URL(next, base).searchParams.get('page') ?? NaN) : walk.page + 1;
    // GitHub stops linking "next" at the cap even when total_count says there is more.
    const capped =
      nextPage * options.pageSize > SEARCH_RESULT_CAP &&
      (next !== undefined || (body.totalCount ?? 0) > SEARCH_RESULT_CAP);
    let following: GithubWalk;
    if (!next && !capped) return done();
    if (capped) {
      // The 1,000-result cap: continue with a new search ending at the oldest result seen.
      const upper = isoSeconds(oldest ?? stream.watermark.at);
      following = { page: 1, upper, seen, newest };
    } else if (Number.isInteger(nextPage) && nextPage > 0) {
      following = { page: nextPage, upper: walk.upper, oldest, seen, newest };
    } else return done();
    if (seen.includes(`${following.upper ?? ''}|${following.page}`))
      throw new PaginationLoopError(
        `GitHub search for ${sourceId} (${s.key}) led back to page ${following.page}` +
          `${following.upper ? ` of the slice ending ${following.upper}` : ''}; stopping instead of looping`,
        sourceId,
      );
    return { mentions, skipped: skippedInvalid, stream: { watermark: stream.watermark, walk: following } };
  }

  return { streamsOf, search, fetchStream };
}

/** Builds the connector for one configured GitHub source. */
export function createGithubConnector(ctx: ConnectorContext<GithubOptions>): Connector<GithubCursor> {
  const { options, sourceId } = ctx;
  const { streamsOf, search, fetchStream } = githubStreams(ctx);

  return {
    async check() {
      try {
        const [first] = streamsOf();
        if (!first) return { ok: false, error: `source ${sourceId} has no brands to search for` };
        await search(githubQuery(first.q, first.type, options.qualifiers, ctx.now() - 86_400_000), 1, 1);
        return { ok: true, detail: ctx.credentials.token ? 'token accepted' : 'anonymous (10 searches/min)' };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },

    async fetchPage(cursor): Promise<PageResult<GithubCursor>> {
      const start: Watermark = { at: ctx.now() - durationMs(options.initialLookback), ids: [] };
      const list = streamsOf();
      const streams: Record<string, GithubStream> = {};
      for (const s of list) streams[s.key] = cursor?.streams[s.key] ?? { watermark: start };
      const walking = Object.values(streams).some((s) => s.walk);
      const mentions: FetchedMention[] = [];
      let skippedInvalid = 0;
      for (const s of list) {
        const stream = streams[s.key]!;
        if (walking && !stream.walk) continue;
        const result = await fetchStream(s, stream);
        mentions.push(...result.mentions);
        skippedInvalid += result.skipped;
        streams[s.key] = result.stream;
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
