/**
 * The X connector over recorded recent-search responses (tweepy's cassette with its x-rate-limit-* headers,
 * the recorded 429). The second recorded search (`search_recent_nyc_with_tweet_fields`) is held out: only
 * the CLI end-to-end test reads it, so the parser is shown on a real response it was not written against.
 */
import { describe, expect, it } from 'vitest';
import { ConnectorConfigError, RateLimitedError } from '../../../core/errors.js';
import { xConnector, type XCursor } from '../../../connectors/x/index.js';
import { parseXBody, snowflakeAt, snowflakeTime } from '../../../connectors/x/parse.js';
import { loadFixture, mutateJson, ReplayServer } from '../../support/replay-server.js';
import { runConformanceSuite } from './conformance.js';
import { brokenRecords, drain, instance, jsonOk, rejection } from './support.js';

const SEARCH = '/2/tweets/search/recent';
const NOW = Date.parse('2022-10-08T00:00:00Z');
const BRANDS = [{ key: 'tweepy', name: 'Tweepy', query: 'tweepy' }];
const TOKEN = { bearerToken: 'AAAA-test' };

const recorded = () => loadFixture('x-twitter', 'search_recent_query_tweepy_default_fields');
/** The recorded page without its next_token: the last page of a walk. */
const lastPage = () =>
  mutateJson(recorded(), (b) => {
    const body = b as { data: unknown[]; meta: Record<string, unknown> };
    body.data = body.data.slice(5);
    delete body.meta.next_token;
  });
const cursorPosition = (c: XCursor) =>
  Math.min(...Object.values(c.streams).map((s) => (s.sinceId ? snowflakeTime(s.sinceId) : 0)));

runConformanceSuite({
  definition: xConnector,
  options: (baseUrl) => ({ baseUrl }),
  credentials: TOKEN,
  brands: BRANDS,
  now: NOW,
  cursorPosition,
  pages: [
    {
      title: 'recorded search, then its next_token page',
      setup: (s) => {
        s.get(SEARCH, recorded());
        s.route(
          { path: SEARCH, query: { next_token: 'b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul' } },
          lastPage(),
        );
      },
      minMentions: 10,
    },
  ],
  network: {
    pagePath: SEARCH,
    samplePage: recorded(),
    parseBodies: [recorded()],
    paginationLoop: { title: 'meta.next_token that never changes', setup: (s) => s.get(SEARCH, recorded()) },
    rateLimits: [
      {
        title: 'recorded 429 body with x-rate-limit-reset (epoch s) 90 s ahead',
        response: (() => {
          const r = loadFixture('x-twitter', 'error_429_too_many_requests');
          return {
            ...r,
            headers: {
              ...r.headers,
              'x-rate-limit-limit': '450',
              'x-rate-limit-remaining': '0',
              'x-rate-limit-reset': String(NOW / 1000 + 90),
            },
          };
        })(),
        expectedWaitMs: 90_000,
      },
      {
        title: '429 usage cap (monthly post cap used up): check again in 24 h',
        response: {
          status: 429,
          headers: { 'content-type': 'application/problem+json' },
          // Shape of X's problem details; the type URI is what identifies the cap.
          body: '{"title":"UsageCapExceeded","detail":"Usage cap exceeded: Monthly product cap","type":"https://api.twitter.com/2/problems/usage-capped","status":429}',
        },
        expectedWaitMs: 24 * 3_600_000,
      },
    ],
    authFailures: [
      {
        status: 401,
        headers: { 'content-type': 'application/problem+json' },
        body: '{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}',
      },
      {
        status: 403,
        headers: { 'content-type': 'application/json' },
        body: '{"client_id":"1","reason":"client-not-enrolled","title":"Client Forbidden","type":"https://api.twitter.com/2/problems/client-forbidden","detail":"When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.","required_enrollment":"Appropriate Level of API Access"}',
      },
    ],
    malformedRecords: brokenRecords(
      recorded(),
      'data',
      (post) => ({ ...post, id: 'not-an-id' }),
      (post) => ({ ...post, text: undefined }),
    ),
  },
});

describe('x connector specifics', () => {
  const server = ReplayServer.forTests();
  const connector = (options: Record<string, unknown> = {}, brands = BRANDS, now = NOW) =>
    instance(
      xConnector,
      { baseUrl: server.baseUrl, ...options },
      { sourceId: 'x-main', credentials: TOKEN, brands, now },
    );

  it('sends the compiled brand query with X operators, the fields and expansions, and the bearer token', async () => {
    server.get(SEARCH, lastPage());
    const brands = [{ key: 'acme', name: 'Acme', query: '("acme air" OR @acmeair) AND NOT anvil' }];
    await connector({ lang: 'en' }, brands).fetchPage(null);
    const [req] = server.requests;
    expect(req!.headers.authorization).toBe('Bearer AAAA-test');
    expect(req!.query).toMatchObject({
      query: '("acme air" OR @acmeair) -anvil -is:retweet lang:en',
      max_results: '100',
      expansions: 'author_id',
      'user.fields': 'username,public_metrics',
      start_time: '2022-10-07T00:00:00.000Z',
    });
    expect(req!.query['tweet.fields']).toContain('conversation_id');
    expect(req!.query.since_id).toBeUndefined();
  });

  it('follows next_token, then re-polls with since_id = the newest id delivered and finds nothing new', async () => {
    server.get(SEARCH, recorded());
    server.route(
      { path: SEARCH, query: { next_token: 'b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul' } },
      lastPage(),
    );
    const c = connector();
    const pages = await drain(c);
    expect(pages.map((p) => p.mentions.length)).toEqual([10, 5]);
    expect(server.requests[1]!.query.next_token).toBe('b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul');
    const cursor = pages.at(-1)!.cursor;
    expect(cursor.streams['tweepy:tweepy']).toEqual({ sinceId: '1578516068309794817' });
    server.reset();
    server.get(SEARCH, jsonOk({ meta: { result_count: 0 } }));
    const again = await c.fetchPage(cursor);
    expect(again).toMatchObject({ mentions: [], caughtUp: true });
    expect(server.requests[0]!.query).toMatchObject({ since_id: '1578516068309794817' });
    expect(server.requests[0]!.query.start_time).toBeUndefined();
  });

  it('restarts at the seven-day window when the stored since_id has fallen out of it', async () => {
    server.get(SEARCH, jsonOk({ meta: { result_count: 0 } }));
    const old = snowflakeAt(NOW - 8 * 86_400_000);
    await connector().fetchPage({ streams: { 'tweepy:tweepy': { sinceId: old } } });
    expect(server.requests[0]!.query.since_id).toBeUndefined();
    expect(server.requests[0]!.query.start_time).toBe('2022-10-01T01:00:00.000Z');
  });

  it('resolves authors through includes.users and keeps reply-thread ids', async () => {
    const page = jsonOk({
      data: [
        {
          id: '1578516068309794817',
          text: 'thanks @tweepy, fixed &amp; shipped',
          author_id: '42',
          created_at: '2022-10-07T22:42:12.000Z',
          conversation_id: '1578515061600964608',
          in_reply_to_user_id: '7',
          referenced_tweets: [{ type: 'replied_to', id: '1578515564971970560' }],
          public_metrics: { like_count: 3, retweet_count: 1, quote_count: 1, reply_count: 2 },
          lang: 'en',
        },
      ],
      includes: { users: [{ id: '42', username: 'tweepy_dev', public_metrics: { followers_count: 1200 } }] },
      meta: { result_count: 1 },
    });
    server.get(SEARCH, page);
    const { mentions } = await connector().fetchPage(null);
    expect(mentions).toEqual([
      {
        source: 'x',
        native_id: '1578516068309794817',
        kind: 'comment',
        url: 'https://x.com/tweepy_dev/status/1578516068309794817',
        author: 'tweepy_dev',
        author_followers: 1200,
        text: 'thanks @tweepy, fixed & shipped',
        lang_hint: 'en',
        published_at: Date.parse('2022-10-07T22:42:12.000Z'),
        engagement: { likes: 3, shares: 2, replies: 2, score: 0 },
        in_reply_to: '1578515564971970560',
        thread_id: '1578515061600964608',
      },
    ]);
  });

  it("adds a search for the replies of the brand's own accounts", async () => {
    server.get(SEARCH, jsonOk({ meta: { result_count: 0 } }));
    const brands = [{ ...BRANDS[0]!, accounts: ['@tweepy', 'tweepy_help'] }];
    const page = await connector({}, brands).fetchPage(null);
    expect(server.requests.map((r) => r.query.query)).toEqual([
      'tweepy -is:retweet',
      '(from:tweepy OR from:tweepy_help) is:reply',
    ]);
    expect(Object.keys(page.cursor.streams)).toEqual(['tweepy:tweepy', 'replies:tweepy']);
    const bad = [{ ...BRANDS[0]!, accounts: ['not a handle!'] }];
    expect(await rejection(connector({}, bad).fetchPage(null))).toBeInstanceOf(ConnectorConfigError);
  });

  it('refuses a query longer than the plan allows, naming the limit', async () => {
    const long = [
      { key: 'acme', name: 'Acme', query: Array.from({ length: 60 }, (_, i) => `word${i}`).join(' OR ') },
    ];
    const error = await rejection(connector({}, long).fetchPage(null));
    expect(error).toBeInstanceOf(ConnectorConfigError);
    expect(error.message).toMatch(/over the plan's limit of 512/);
    server.get(SEARCH, lastPage());
    await expect(connector({ maxQueryLength: 4096 }, long).fetchPage(null)).resolves.toBeDefined();
  });

  it('waits for x-rate-limit-reset on the recorded headers when the window is spent', async () => {
    const r = recorded();
    const resetMs = Number(r.headers['x-rate-limit-reset']) * 1000;
    server.get(SEARCH, {
      ...r,
      status: 429,
      body: loadFixture('x-twitter', 'error_429_too_many_requests').body,
    });
    const error = await rejection(connector({}, BRANDS, resetMs - 45_000).fetchPage(null));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(45_000);
    expect(error.message).toMatch(/448 of 450 requests left/);
  });

  it('needs a bearer token', async () => {
    const c = instance(xConnector, { baseUrl: server.baseUrl }, { brands: BRANDS, now: NOW });
    expect(await rejection(c.fetchPage(null))).toBeInstanceOf(ConnectorConfigError);
  });
});

describe('x parse', () => {
  it('dates default-field posts by their snowflake id and links them without a username', () => {
    const [m] = parseXBody(recorded().body).mentions;
    expect(m).toMatchObject({
      native_id: '1578516068309794817',
      url: 'https://x.com/i/web/status/1578516068309794817',
      text: '2022-10-07 22:42:12.637103 tweepy',
      kind: 'post',
    });
    // The text says when the cassette's script posted it: the id's time agrees to the second.
    expect(Math.abs(m!.published_at - Date.parse('2022-10-07T22:42:12.637Z'))).toBeLessThan(1000);
  });

  it('refuses an error body', () => {
    expect(() => parseXBody(loadFixture('x-twitter', 'error_429_too_many_requests').body)).toThrow(
      /not an X recent-search response/,
    );
  });
});
