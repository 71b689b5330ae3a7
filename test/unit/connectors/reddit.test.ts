import { describe, expect, it } from 'vitest';
import { ConnectorAuthError } from '../../../core/errors.js';
import { redditConnector, type RedditCursor } from '../../../connectors/reddit/index.js';
import { parseReddit } from '../../../connectors/reddit/parse.js';
import { loadFixture, mutateJson, ReplayServer, tooManyRequests } from '../../support/replay-server.js';
import { runConformanceSuite, SUITE_NOW } from './conformance.js';
import { brokenRecords, instance, redditToken, rejection } from './support.js';

const askreddit = loadFixture('reddit', 'r_askreddit_new_limit100');
const popular = loadFixture('reddit', 'r_popular_hot_2026_trimmed');
const search = loadFixture('reddit', 'search_r_all_praw_oauth_search');
const unauthorized = loadFixture('reddit', 'error_401_invalid_token');
const quarantined = loadFixture('reddit', 'error_403_quarantined_subreddit');

const TOKEN_PATH = '/api/v1/access_token';
const NEW_PATH = '/r/askreddit/new';
/** The recorded listing emptied: where a listing ends (about 1,000 items back). */
const end = mutateJson(askreddit, (b) => ({
  kind: 'Listing',
  data: { ...(b as { data: object }).data, children: [], after: null },
}));
const credentials = { clientId: 'id-123', clientSecret: 'shh' };

runConformanceSuite<unknown, RedditCursor>({
  definition: redditConnector as never,
  fixtureSource: 'reddit',
  credentials,
  // A Japanese post about PRAW quotes reddit's page HTML in a Markdown code block: verbatim user text.
  quotesMarkup: ['t3_4at068'],
  options: (baseUrl) => ({
    mode: 'new',
    subreddits: ['askreddit'],
    baseUrl,
    tokenUrl: `${baseUrl}${TOKEN_PATH}`,
  }),
  cursorPosition: (c) => c.watermark.at,
  pages: [askreddit, popular, search].map((fx) => ({ title: fx.fixture, setup: (s) => s.get(NEW_PATH, fx) })),
  network: {
    pagePath: NEW_PATH,
    samplePage: popular,
    baseRoutes: (s) => s.post(TOKEN_PATH, redditToken),
    parseBodies: [askreddit, popular, search],
    paginationLoop: {
      title: 'the same listing and after token served again',
      setup: (s) => s.get(NEW_PATH, askreddit),
      cursor: { watermark: { at: 1, ids: [] } },
    },
    rateLimits: [
      {
        title: 'empty-body 429 with X-Ratelimit-Reset (seconds)',
        response: tooManyRequests(undefined, { 'x-ratelimit-remaining': '0.0', 'x-ratelimit-reset': '15' }),
        expectedWaitMs: 15_000,
      },
      {
        title: 'Retry-After wins',
        response: tooManyRequests(3, { 'x-ratelimit-reset': '400' }),
        expectedWaitMs: 3000,
      },
    ],
    authFailures: [unauthorized, quarantined],
    malformedRecords: brokenRecords(
      askreddit,
      'data.children',
      (c) => ({ ...c, data: { ...(c.data as object), name: null, id: null } }),
      (c) => ({ ...c, data: { ...(c.data as object), created_utc: 'x' } }),
      (c) => ({ ...c, data: { ...(c.data as object), permalink: undefined } }),
    ),
  },
  backfill: {
    range: { from: Date.parse('2016-01-01T00:00:00Z'), to: Date.parse('2026-05-01T00:00:00Z') },
    pages: [{ title: 'a listing page, then its end', setup: (s) => s.get(NEW_PATH, askreddit, end) }],
    paginationLoop: {
      title: 'the same listing and after token again',
      setup: (s) => s.get(NEW_PATH, askreddit),
    },
  },
});

describe('reddit specifics', () => {
  const server = ReplayServer.forTests();
  const brands = [
    { key: 'acme', name: 'Acme', query: 'acme' },
    { key: 'globex', name: 'Globex Corp', query: '"globex corp"' },
  ];
  const create = (options: Record<string, unknown>) =>
    instance(
      redditConnector,
      { baseUrl: server.baseUrl, tokenUrl: `${server.baseUrl}${TOKEN_PATH}`, ...options },
      { sourceId: 'reddit-1', credentials, brands, now: SUITE_NOW },
    );

  it('gets an app-only token with client credentials and searches with sort=new', async () => {
    server.post(TOKEN_PATH, redditToken).get('/r/acme+help/search', search);
    const page = await create({ subreddits: ['acme', 'help'] }).fetchPage(null);
    expect(page.mentions.length).toBeGreaterThan(0);
    const [tokenReq, searchReq] = server.requests;
    expect(tokenReq?.body).toBe('grant_type=client_credentials');
    expect(tokenReq?.headers.authorization).toBe(`Basic ${Buffer.from('id-123:shh').toString('base64')}`);
    expect(searchReq?.headers.authorization).toBe('bearer t0k3n');
    expect(searchReq?.query).toMatchObject({
      q: 'acme OR "globex corp"',
      sort: 'new',
      restrict_sr: '1',
      raw_json: '1',
    });
  });

  it('rejected client credentials are a ConnectorAuthError naming the fix', async () => {
    server.post(TOKEN_PATH, { status: 401, headers: {}, body: '{"message": "Unauthorized", "error": 401}' });
    const error = await rejection(create({}).fetchPage(null));
    expect(error).toBeInstanceOf(ConnectorAuthError);
    expect(error.message).toMatch(/credentials rejected for reddit-1.*clientSecret/);
  });

  it('follows `after` until it reaches the watermark, then commits the newest', async () => {
    const [first, second] = parseReddit(askreddit.body).mentions;
    server.post(TOKEN_PATH, redditToken).get(NEW_PATH, askreddit);
    server.route({ method: 'GET', path: NEW_PATH, query: { after: 't3_4jkq2g' } }, popular);
    const connector = create({ mode: 'new', subreddits: ['askreddit'] });
    const oldest = Math.min(...parseReddit(askreddit.body).mentions.map((m) => m.published_at));
    const page1 = await connector.fetchPage({ watermark: { at: oldest - 1, ids: [] } });
    expect(page1.caughtUp).toBe(false);
    expect(page1.cursor.walk?.after).toBe(JSON.parse(askreddit.body).data.after);
    expect(first && second).toBeTruthy();
    const stop = await connector.fetchPage({
      watermark: { at: first?.published_at ?? 0, ids: [first?.native_id ?? ''] },
    });
    expect(stop.caughtUp).toBe(true);
    expect(stop.mentions.map((m) => m.native_id)).not.toContain(first?.native_id);
  });

  it('maps a submission', () => {
    const m = parseReddit(askreddit.body).mentions[0];
    expect(m?.native_id).toMatch(/^t3_/);
    expect(m?.url).toMatch(/^https:\/\/www\.reddit\.com\/r\/AskReddit\/comments\//);
    expect(m?.kind).toBe('post');
  });
});
