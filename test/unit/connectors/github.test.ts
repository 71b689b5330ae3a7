import { describe, expect, it } from 'vitest';
import { ConnectorConfigError, PaginationLoopError, RateLimitedError } from '../../../core/errors.js';
import { githubConnector, type GithubCursor } from '../../../connectors/github/index.js';
import { parseGithubBody } from '../../../connectors/github/parse.js';
import { loadFixture, ReplayServer, type ReplayResponse } from '../../support/replay-server.js';
import { runConformanceSuite } from './conformance.js';
import { brokenRecords, instance, rejection } from './support.js';

const SEARCH = '/search/issues';
const NOW = Date.parse('2022-07-19T06:00:00Z');
const BRANDS = [{ key: 'sesame', name: 'Sesame', query: 'sesame' }];

const sesame = () => loadFixture('github', 'search_issues_sesame');
const listPage1 = () => loadFixture('github', 'list_issues_paginated_page1');
const withLink = (r: ReplayResponse, link: string): ReplayResponse => ({
  ...r,
  headers: { ...r.headers, link },
});
const cursorPosition = (c: GithubCursor) => Math.min(...Object.values(c.streams).map((s) => s.watermark.at));

runConformanceSuite({
  definition: githubConnector,
  options: (baseUrl) => ({ baseUrl }),
  credentials: { token: 'ghp_test' },
  brands: BRANDS,
  now: NOW,
  fixtureSource: 'github',
  cursorPosition,
  pages: [
    { title: 'recorded issue search', setup: (s) => s.get(SEARCH, sesame()), minMentions: 2 },
    {
      title: 'Link-paginated issues (page 1 → page 2)',
      setup: (s) => {
        s.get(SEARCH, listPage1());
        s.route({ path: SEARCH, query: { page: '2' } }, sesame());
      },
      minMentions: 5,
    },
  ],
  network: {
    pagePath: SEARCH,
    samplePage: sesame(),
    parseBodies: [sesame(), listPage1()],
    paginationLoop: {
      title: 'Link rel="next" always pointing at page 2',
      setup: (s) =>
        s.get(SEARCH, withLink(sesame(), '<https://api.github.com/search/issues?q=x&page=2>; rel="next"')),
    },
    rateLimits: [
      {
        title: 'recorded secondary rate limit (403 abuse + Retry-After: 60)',
        response: loadFixture('github', 'error_403_secondary_rate_limit_search'),
        expectedWaitMs: 60_000,
      },
      {
        title: 'primary rate limit (403, X-RateLimit-Remaining: 0, epoch reset)',
        response: {
          status: 403,
          headers: {
            'content-type': 'application/json',
            'x-ratelimit-limit': '30',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(NOW / 1000 + 25),
            'x-ratelimit-resource': 'search',
          },
          body: '{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest"}',
        },
        expectedWaitMs: 25_000,
      },
      {
        title: '429 secondary rate limit without Retry-After',
        response: {
          status: 429,
          headers: { 'content-type': 'application/json' },
          body: '{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}',
        },
        expectedWaitMs: 60_000,
      },
    ],
    authFailures: [
      { status: 401, headers: {}, body: '{"message":"Bad credentials"}' },
      { status: 403, headers: {}, body: '{"message":"Resource not accessible by integration"}' },
    ],
    malformedRecords: brokenRecords(
      listPage1(),
      '',
      (issue) => ({ ...issue, created_at: 'yesterday' }),
      () => ({ id: 100 }),
    ),
  },
  backfill: {
    range: { from: Date.parse('2022-07-19T00:00:00Z'), to: Date.parse('2022-07-19T05:00:00Z') },
    pages: [{ title: 'recorded issue search', setup: (s) => s.get(SEARCH, sesame()), minMentions: 2 }],
    paginationLoop: {
      title: 'Link rel="next" always pointing at page 2',
      setup: (s) =>
        s.get(SEARCH, withLink(sesame(), '<https://api.github.com/search/issues?q=x&page=2>; rel="next"')),
    },
  },
});

describe('github connector specifics', () => {
  const server = ReplayServer.forTests();

  const connector = (options: Record<string, unknown> = {}, token?: string, now = NOW) =>
    instance(
      githubConnector,
      { baseUrl: server.baseUrl, ...options },
      { sourceId: 'gh-main', credentials: token ? { token } : {}, brands: BRANDS, now },
    );

  it('searches newest first with is:issue and a created window, with the token as bearer', async () => {
    server.get(SEARCH, sesame());
    await connector({ qualifiers: 'org:octokit-fixture-org' }, 'ghp_x').fetchPage(null);
    const [req] = server.requests;
    expect(req!.query).toMatchObject({ sort: 'created', order: 'desc', per_page: '100' });
    expect(req!.query.q).toBe('sesame is:issue org:octokit-fixture-org created:>=2022-07-12T06:00:00Z');
    expect(req!.headers.authorization).toBe('Bearer ghp_x');
  });

  it('runs one search per type, since GitHub needs exactly one is: qualifier', async () => {
    server.get(SEARCH, sesame());
    const page = await connector({ types: ['issue', 'pr'] }).fetchPage(null);
    expect(server.requests.map((r) => r.query.q!.split(' ')[1])).toEqual(['is:issue', 'is:pull-request']);
    expect(Object.keys(page.cursor.streams)).toEqual(['sesame:sesame:issue', 'sesame:sesame:pr']);
  });

  it('re-polls from the newest created_at it delivered', async () => {
    server.get(SEARCH, sesame());
    const c = connector();
    const first = await c.fetchPage(null);
    expect(first.caughtUp).toBe(true);
    const again = await c.fetchPage(first.cursor);
    expect(again.mentions).toEqual([]);
    expect(server.requests[1]!.query.q).toContain('created:>=2022-07-19T04:40:52Z');
  });

  it('slices by time when the 1,000-result cap is reached', async () => {
    const next10 = withLink(sesame(), `<${server.baseUrl}/search/issues?page=11>; rel="next"`);
    server.route({ path: SEARCH, query: { page: '10' } }, next10).get(SEARCH, sesame());
    const walk = { page: 10, seen: [], newest: { at: 0, ids: [] } };
    const cursor: GithubCursor = {
      streams: { 'sesame:sesame:issue': { watermark: { at: NOW - 86_400_000, ids: [] }, walk } },
    };
    const page = await connector().fetchPage(cursor);
    const next = page.cursor.streams['sesame:sesame:issue']!.walk!;
    expect(next.page).toBe(1);
    expect(next.upper).toBe('2022-07-19T04:40:49Z');
    await connector().fetchPage(page.cursor);
    expect(server.requests[1]!.query.q).toContain('created:2022-07-18T06:00:00Z..2022-07-19T04:40:49Z');
  });

  it('refuses a slice that cannot shrink (over 1,000 results in one second)', async () => {
    const next = withLink(sesame(), `<${server.baseUrl}/search/issues?page=11>; rel="next"`);
    server.get(SEARCH, next);
    const walk = {
      page: 10,
      upper: '2022-07-19T04:40:49Z',
      seen: ['2022-07-19T04:40:49Z|1'],
      newest: { at: 0, ids: [] },
    };
    const cursor: GithubCursor = {
      streams: { 'sesame:sesame:issue': { watermark: { at: NOW - 86_400_000, ids: [] }, walk } },
    };
    await expect(connector().fetchPage(cursor)).rejects.toBeInstanceOf(PaginationLoopError);
  });

  it('maps 422 Validation Failed to ConnectorConfigError naming the query', async () => {
    server.get(SEARCH, loadFixture('github', 'error_422_validation_failed'));
    const error = await rejection(connector().fetchPage(null));
    expect(error).toBeInstanceOf(ConnectorConfigError);
    expect(error.message).toMatch(/Validation Failed.*sesame is:issue/);
  });

  it('waits for the primary reset when the recorded search headers say none remain', async () => {
    const recorded = sesame();
    const exhausted = {
      ...recorded,
      status: 403,
      headers: { ...recorded.headers, 'x-ratelimit-remaining': '0' },
    };
    server.get(SEARCH, exhausted);
    const resetMs = Number(recorded.headers['x-ratelimit-reset']) * 1000;
    const error = await rejection(connector({}, undefined, resetMs - 30_000).fetchPage(null));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(30_000);
  });
});

describe('github parse', () => {
  it('maps an issue: title + body as text, comments and reactions as engagement', () => {
    const [m] = parseGithubBody(sesame().body).mentions;
    expect(m).toMatchObject({
      source: 'github',
      native_id: '1308970076',
      kind: 'post',
      url: 'https://github.com/octokit-fixture-org/tmp-scenario-search-issues-20220719044045959-jlcli/issues/2',
      author: 'octokit-fixture-user-b',
      title: 'Sesame seeds split without a pop!',
      text: 'Sesame seeds split without a pop!\n\nI’ve waited all year long, but there was no pop 😭',
      published_at: Date.parse('2022-07-19T04:40:52Z'),
      engagement: { likes: 0, shares: 0, replies: 0, score: 0 },
    });
  });

  it('throws on error envelopes', () => {
    expect(() => parseGithubBody(loadFixture('github', 'error_422_validation_failed').body)).toThrow(
      /GitHub/,
    );
  });
});
