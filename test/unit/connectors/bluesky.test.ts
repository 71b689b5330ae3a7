import { beforeEach, describe, expect, it } from 'vitest';
import {
  ConnectorAuthError,
  ConnectorConfigError,
  RateLimitedError,
  TransientSourceError,
} from '../../../core/errors.js';
import { blueskyConnector, type BlueskyCursor } from '../../../connectors/bluesky/index.js';
import { parseBlueskyBody } from '../../../connectors/bluesky/parse.js';
import { clearBlueskySessions } from '../../../connectors/bluesky/xrpc.js';
import { loadFixture, mutateJson, ReplayServer } from '../../support/replay-server.js';
import { runConformanceSuite } from './conformance.js';
import { blueskySession, brokenRecords, instance, rejection } from './support.js';

const SEARCH = '/xrpc/app.bsky.feed.searchPosts';
const CREATE_SESSION = '/xrpc/com.atproto.server.createSession';
const REFRESH_SESSION = '/xrpc/com.atproto.server.refreshSession';
const NOW = Date.parse('2025-05-19T18:00:00Z');
const CREDENTIALS = { identifier: 'acme.bsky.social', appPassword: 'abcd-efgh-ijkl-mnop' };

/** A JWT-shaped token whose `exp` is `expSeconds` (signature irrelevant to the client). */
function jwt(name: string, expSeconds: number): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'ES256K' })}.${part({ sub: name, exp: expSeconds })}.sig`;
}

/** A session whose tokens expire in two hours (access) and a day (refresh) unless given. */
const sessionResponse = (
  access = jwt('access', NOW / 1000 + 7200),
  refresh = jwt('refresh', NOW / 1000 + 86400),
) => blueskySession(access, refresh);

const search = () => loadFixture('bluesky', 'search_posts_redistricting');
/** The recorded page without its cursor: the last page of a search. */
const lastPage = () =>
  mutateJson(search(), (b) => {
    delete (b as { cursor?: string }).cursor;
  });

const cursorPosition = (c: BlueskyCursor) => Math.min(...Object.values(c.streams).map((s) => s.watermark.at));

runConformanceSuite({
  definition: blueskyConnector,
  options: (baseUrl) => ({ baseUrl, initialLookback: '7d' }),
  credentials: CREDENTIALS,
  brands: [{ key: 'acme', name: 'Acme', query: 'redistricting' }],
  now: NOW,
  fixtureSource: 'bluesky',
  cursorPosition,
  pages: [
    {
      title: 'recorded searchPosts page, then the end of results',
      setup: (s) => s.route({ path: SEARCH }, search(), lastPage()),
      minMentions: 25,
    },
  ],
  network: {
    pagePath: SEARCH,
    samplePage: lastPage(),
    baseRoutes: (s) => {
      clearBlueskySessions();
      s.post(CREATE_SESSION, sessionResponse());
    },
    parseBodies: [search()],
    paginationLoop: {
      title: 'the same cursor "25" on every page',
      setup: (s) => s.route({ path: SEARCH }, search()),
    },
    rateLimits: [
      {
        title: 'RateLimit-Reset epoch seconds',
        response: {
          status: 429,
          headers: {
            'content-type': 'application/json',
            'ratelimit-limit': '3000',
            'ratelimit-remaining': '0',
            'ratelimit-reset': String(NOW / 1000 + 42),
            'ratelimit-policy': '3000;w=300',
          },
          body: '{"error":"RateLimitExceeded","message":"Rate Limit Exceeded"}',
        },
        expectedWaitMs: 42_000,
      },
    ],
    authFailures: [
      loadFixture('bluesky', 'error_401_create_session'),
      loadFixture('bluesky', 'error_403_auth_missing'),
    ],
    malformedRecords: brokenRecords(
      lastPage(),
      'posts',
      (p) => ({ ...p, uri: undefined }),
      (p) => ({ ...p, record: { text: 'no date' } }),
      () => 'not a post',
    ),
  },
  backfill: {
    range: { from: Date.parse('2025-05-17T00:00:00Z'), to: Date.parse('2025-05-19T17:10:00Z') },
    // One page without a cursor, then the slice below its oldest post brings nothing new.
    pages: [{ title: 'recorded searchPosts page', setup: (s) => s.route({ path: SEARCH }, lastPage()) }],
    paginationLoop: {
      title: 'the same cursor "25" on every page',
      setup: (s) => s.route({ path: SEARCH }, search()),
    },
  },
});

describe('bluesky connector specifics', () => {
  const server = ReplayServer.forTests();
  beforeEach(() => clearBlueskySessions());

  const connector = (now = NOW, brands = [{ key: 'acme', name: 'Acme', query: 'redistricting' }]) =>
    instance(
      blueskyConnector,
      { baseUrl: server.baseUrl, pageSize: 25, initialLookback: '7d' },
      { sourceId: 'bsky-main', credentials: CREDENTIALS, brands, now },
    );

  it('logs in with the app password once and sends the search parameters', async () => {
    server.post(CREATE_SESSION, sessionResponse()).get(SEARCH, lastPage());
    const c = connector();
    await c.fetchPage(null);
    await c.fetchPage(null);
    const [login] = server.requestsTo(CREATE_SESSION);
    expect(JSON.parse(login!.body)).toEqual({
      identifier: 'acme.bsky.social',
      password: 'abcd-efgh-ijkl-mnop',
    });
    expect(server.requestsTo(CREATE_SESSION)).toHaveLength(1);
    const [first] = server.requestsTo(SEARCH);
    expect(first!.headers.authorization).toMatch(/^Bearer ey/);
    expect(first!.query).toMatchObject({ q: 'redistricting', sort: 'latest', limit: '25' });
    expect(first!.query.since).toBe(new Date(NOW - 7 * 86_400_000).toISOString());
    expect(first!.query.cursor).toBeUndefined();
  });

  it('follows the cursor, stops when it is missing and then polls since the newest post', async () => {
    const olderPage = mutateJson(lastPage(), (b) => {
      const body = b as { posts: unknown[] };
      body.posts = body.posts.slice(20);
    });
    server.post(CREATE_SESSION, sessionResponse()).route({ path: SEARCH }, search(), olderPage);
    const c = connector();
    const p1 = await c.fetchPage(null);
    expect(p1.caughtUp).toBe(false);
    expect(p1.mentions).toHaveLength(25);
    const p2 = await c.fetchPage(p1.cursor);
    expect(server.requestsTo(SEARCH)[1]!.query.cursor).toBe('25');
    expect(p2.caughtUp).toBe(true);
    expect(p2.mentions).toHaveLength(5);
    const newest = Math.max(...p1.mentions.map((m) => m.published_at));
    expect(p2.cursor.streams['acme:redistricting']!.watermark.at).toBeGreaterThanOrEqual(newest);
    await c.fetchPage(p2.cursor);
    expect(Date.parse(server.requestsTo(SEARCH)[2]!.query.since!)).toBe(
      p2.cursor.streams['acme:redistricting']!.watermark.at,
    );
  });

  it('refreshes an expired session (ExpiredToken) and retries the search', async () => {
    const expired = {
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: '{"error":"ExpiredToken","message":"Token has expired"}',
    };
    server
      .post(CREATE_SESSION, sessionResponse())
      .post(REFRESH_SESSION, sessionResponse(jwt('access2', NOW / 1000 + 7200)))
      .route({ path: SEARCH }, expired, lastPage());
    const page = await connector().fetchPage(null);
    expect(page.mentions.length).toBe(25);
    expect(server.requestsTo(REFRESH_SESSION)).toHaveLength(1);
    const searches = server.requestsTo(SEARCH);
    expect(searches[1]!.headers.authorization).toContain(jwt('access2', NOW / 1000 + 7200));
  });

  it('refreshes ahead of time when the access token is about to expire, and logs in again if refresh fails', async () => {
    server
      .post(CREATE_SESSION, sessionResponse(jwt('short', NOW / 1000 + 30)), sessionResponse())
      .post(REFRESH_SESSION, loadFixture('bluesky', 'error_401_create_session'))
      .get(SEARCH, lastPage());
    await connector().fetchPage(null);
    expect(server.requestsTo(REFRESH_SESSION)).toHaveLength(0);
    await connector().fetchPage(null);
    expect(server.requestsTo(REFRESH_SESSION)).toHaveLength(1);
    expect(server.requestsTo(CREATE_SESSION)).toHaveLength(2);
  });

  it('maps a rejected login to ConnectorAuthError naming the fix', async () => {
    server.post(CREATE_SESSION, loadFixture('bluesky', 'error_401_create_session'));
    const error = await rejection(connector().fetchPage(null));
    expect(error).toBeInstanceOf(ConnectorAuthError);
    expect(error.message).toMatch(/bsky-main.*app password/s);
  });

  it('maps a 400 InvalidRequest to ConnectorConfigError (bad query)', async () => {
    server
      .post(CREATE_SESSION, sessionResponse())
      .get(SEARCH, loadFixture('bluesky', 'error_400_create_record'));
    await expect(connector().fetchPage(null)).rejects.toBeInstanceOf(ConnectorConfigError);
  });

  it('treats a CDN HTML 403 as transient, unlike the JSON AuthMissing 403', async () => {
    server.post(CREATE_SESSION, sessionResponse()).get(SEARCH, {
      status: 403,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>403 Forbidden</title></head><body>Request forbidden by administrative rules.</body></html>',
    });
    const error = await rejection(connector().fetchPage(null));
    expect(error).toBeInstanceOf(TransientSourceError);
    expect(error.message).toContain('baseUrl');
  });

  it('rate-limits from the recorded createSession RateLimit-* headers on a 429 login', async () => {
    const recorded = loadFixture('bluesky', 'error_401_create_session');
    server.post(CREATE_SESSION, {
      ...recorded,
      status: 429,
      headers: { ...recorded.headers, 'ratelimit-remaining': '0' },
    });
    const resetMs = Number(recorded.headers['ratelimit-reset']) * 1000;
    const error = await rejection(connector(resetMs - 90_000).fetchPage(null));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(90_000);
  });

  it('walks each brand as its own search stream', async () => {
    server.post(CREATE_SESSION, sessionResponse()).get(SEARCH, lastPage());
    const brands = [
      { key: 'acme', name: 'Acme', query: '"acme air"' },
      { key: 'globex', name: 'Globex', query: 'globex' },
    ];
    const page = await connector(NOW, brands).fetchPage(null);
    expect(server.requestsTo(SEARCH).map((r) => r.query.q)).toEqual(['"acme air"', 'globex']);
    expect(Object.keys(page.cursor.streams)).toEqual(['acme:"acme air"', 'globex:globex']);
    expect(page.caughtUp).toBe(true);
  });
});

describe('bluesky parse', () => {
  it('maps a PostView to a mention', () => {
    const { mentions, skippedInvalid } = parseBlueskyBody(search().body);
    expect(skippedInvalid).toBe(0);
    expect(mentions[0]).toMatchObject({
      source: 'bluesky',
      native_id: 'at://did:plc:kkergqgbhb56ptpwj2wenkje/app.bsky.feed.post/3lpk2u6qo222m',
      url: 'https://bsky.app/profile/socpaperbot.bsky.social/post/3lpk2u6qo222m',
      author: 'socpaperbot.bsky.social',
      kind: 'post',
      published_at: Date.parse('2025-05-19T17:10:09.561Z'),
      engagement: { likes: 0, shares: 0, replies: 0, score: 0 },
    });
    expect(mentions[0]!.lang_hint).toBeUndefined();
  });

  it('reads the language from record.langs and replies as comments', () => {
    const body = mutateJson(search(), (b) => {
      const post = (b as { posts: Array<{ record: Record<string, unknown>; likeCount: number }> }).posts[0]!;
      post.record.langs = ['pt-BR'];
      post.record.reply = { root: {}, parent: {} };
      post.likeCount = 4;
    }).body;
    expect(parseBlueskyBody(body).mentions[0]).toMatchObject({
      lang_hint: 'pt',
      kind: 'comment',
      engagement: { likes: 4 },
    });
  });

  it('throws on error envelopes', () => {
    expect(() => parseBlueskyBody(loadFixture('bluesky', 'error_403_auth_missing').body)).toThrow(
      /searchPosts/,
    );
  });
});
