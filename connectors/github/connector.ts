/**
 * The GitHub connector instance: one `/search/issues` stream per brand search and type (`is:issue` /
 * `is:pull-request`), newest first (`sort=created&order=desc`), walked through `Link` pages down to the
 * watermark. A search returns at most 1,000 results, so a longer walk continues in a new time slice
 * (`created:FROM..<oldest seen>`).
 */
import type { Connector, ConnectorContext, PageResult } from '../../core/connector.js';
import { ConnectorConfigError, TransientSourceError } from '../../core/errors.js';
import { safeCheck } from '../../platform/health.js';
import { describeBody, epochResetWaitMs, httpRequest, parseLinkHeader } from '../http.js';
import { brandSearches } from '../shared/brand-searches.js';
import { normalizeMentions } from '../shared/records.js';
import {
  BY_PUBLISHED,
  firstStream,
  fromLookback,
  pollStreams,
  type StreamsCursor,
  type StreamStep,
  walkToMark,
} from '../shared/streams.js';
import type { Watermark } from '../shared/watermark.js';
import type { GithubOptions } from './options.js';
import { normalizeIssue, readIssueSearchBody } from './parse.js';
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
export type GithubCursor = StreamsCursor<GithubStream>;

const SERVICE = 'GitHub';
const AUTH_HINT = 'the GitHub token (credential "token": a fine-grained or classic token, no scopes needed)';

/** A walk position as a page token: `<slice upper bound>|<page>`. */
const sliceToken = (walk: { page: number; upper?: string }): string => `${walk.upper ?? ''}|${walk.page}`;

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

  /** The walk after a page: the next Link page, a new slice at the 1,000-result cap, or none. */
  function following(walk: GithubWalk, next: string | undefined, total: number, oldest: number | undefined) {
    const nextPage = next ? Number(new URL(next, base).searchParams.get('page') ?? NaN) : walk.page + 1;
    // GitHub stops linking "next" at the cap even when total_count says there is more.
    const capped =
      nextPage * options.pageSize > SEARCH_RESULT_CAP && (next !== undefined || total > SEARCH_RESULT_CAP);
    // The 1,000-result cap: continue with a new search ending at the oldest result seen.
    if (capped && oldest !== undefined) return { page: 1, upper: isoSeconds(oldest) };
    if (next && Number.isInteger(nextPage) && nextPage > 0)
      return { page: nextPage, upper: walk.upper, oldest };
    return undefined;
  }

  async function fetchStream(s: GithubStreamSpec, stream: GithubStream): Promise<StreamStep<GithubStream>> {
    const { watermark } = stream;
    const walk = stream.walk ?? { page: 1, seen: [], newest: watermark };
    const q = githubQuery(s.q, s.type, options.qualifiers, watermark.at, walk.upper);
    const { body, next } = await search(q, walk.page, options.pageSize);
    if (body.incompleteResults)
      ctx.logger.warn(
        { source: sourceId, stream: s.key },
        'GitHub search timed out; this page may miss results',
      );
    const { mentions, skippedInvalid } = normalizeMentions(body.items, normalizeIssue, sourceId);
    const oldest = Math.min(walk.oldest ?? Infinity, ...mentions.map((m) => m.published_at));
    const then = following(walk, next, body.totalCount ?? 0, Number.isFinite(oldest) ? oldest : undefined);
    const page = { records: mentions, skippedInvalid, next: then && sliceToken(then) };
    const name = { what: `GitHub search (${s.key})`, sourceId };
    const step = walkToMark(page, watermark, { ...walk, token: sliceToken(walk) }, BY_PUBLISHED, name);
    return {
      mentions: step.fresh,
      skippedInvalid,
      state:
        step.walk && then
          ? { watermark, walk: { ...then, seen: step.walk.seen, newest: step.walk.newest } }
          : { watermark: step.mark },
    };
  }

  return { streamsOf, search, fetchStream };
}

/** Builds the connector for one configured GitHub source. */
export function createGithubConnector(ctx: ConnectorContext<GithubOptions>): Connector<GithubCursor> {
  const { options, sourceId } = ctx;
  const { streamsOf, search, fetchStream } = githubStreams(ctx);

  return {
    check: () =>
      safeCheck(async () => {
        const first = firstStream(streamsOf(), sourceId, 'brands to search for');
        await search(githubQuery(first.q, first.type, options.qualifiers, ctx.now() - 86_400_000), 1, 1);
        return ctx.credentials.token ? 'token accepted' : 'anonymous (10 searches/min)';
      }),

    async fetchPage(cursor): Promise<PageResult<GithubCursor>> {
      return pollStreams(streamsOf(), cursor, fromLookback(ctx.now(), options.initialLookback), fetchStream);
    },
  };
}
