import { describe, expect, it } from 'vitest';
import { ConnectorAuthError, ConnectorConfigError, RateLimitedError } from '../../../core/errors.js';
import { mastodonConnector, type MastodonCursor } from '../../../connectors/mastodon/index.js';
import { compareIds, parseMastodonBody } from '../../../connectors/mastodon/parse.js';
import { loadFixture, mutateJson, ReplayServer, type ReplayResponse } from '../../support/replay-server.js';
import { runConformanceSuite } from './conformance.js';
import { brokenRecords, instance, rejection } from './support.js';

const TAG = 'fgiztsshwiaqqiztpmmjbtvmescsculuvmgjgopwoeidbcrixp';
const TAG_PATH = `/api/v1/timelines/tag/${TAG}`;
const SEARCH = '/api/v2/search';
const NOW = Date.parse('2026-08-01T13:55:00Z');
const INSTANCE = 'https://mastodon.example';

const page = (n: number) => loadFixture('mastodon', `timeline_tag_page${n}`);
const maxIdOf = (r: ReplayResponse) => /max_id=(\d+)>; rel="next"/.exec(r.headers.link ?? '')?.[1] ?? '';
/** The recorded four-page chain: page 1, then each page at the max_id the previous one links to. */
function chain(s: ReplayServer): void {
  s.get(TAG_PATH, page(1));
  for (const n of [2, 3, 4]) s.route({ path: TAG_PATH, query: { max_id: maxIdOf(page(n - 1)) } }, page(n));
}
const cursorPosition = (c: MastodonCursor) =>
  Math.min(...Object.values(c.streams).map((s) => (s.sinceId === undefined ? 0 : Number(s.sinceId))));

runConformanceSuite({
  definition: mastodonConnector,
  options: (baseUrl) => ({
    instanceUrl: INSTANCE,
    baseUrl,
    hashtags: [TAG],
    pageSize: 10,
    initialLookback: '30d',
  }),
  now: NOW,
  fixtureSource: 'mastodon',
  cursorPosition,
  pages: [{ title: 'recorded hashtag timeline, 4 Link-chained pages', setup: chain, minMentions: 30 }],
  network: {
    pagePath: TAG_PATH,
    samplePage: page(1),
    parseBodies: [page(1), page(2), page(3), loadFixture('mastodon', 'search_v2_mastodon_social_halcy')],
    paginationLoop: {
      title: 'every page links to the same max_id',
      setup: (s) => s.get(TAG_PATH, page(1)),
    },
    rateLimits: [
      {
        title: '429 with the recorded ISO X-RateLimit-Reset',
        response: {
          status: 429,
          headers: {
            ...loadFixture('mastodon', 'error_401_home_timeline_no_token').headers,
            'x-ratelimit-remaining': '0',
          },
          body: '{"error":"Too many requests"}',
        },
        expectedWaitMs: 300_336,
      },
    ],
    authFailures: [loadFixture('mastodon', 'error_401_home_timeline_no_token')],
    malformedRecords: brokenRecords(
      page(1),
      '',
      (s) => ({ ...s, account: undefined }),
      (s) => ({ ...s, created_at: 'soon' }),
      (s) => ({ ...s, id: 'abc' }),
    ),
  },
  backfill: {
    range: { from: Date.parse('2026-08-01T00:00:00Z'), to: Date.parse('2026-08-02T00:00:00Z') },
    pages: [{ title: 'the recorded chain, from max_id = snowflake(to)', setup: chain, minMentions: 30 }],
    paginationLoop: { title: 'every page links to the same max_id', setup: (s) => s.get(TAG_PATH, page(1)) },
  },
});

describe('mastodon connector specifics', () => {
  const server = ReplayServer.forTests();

  const connector = (
    options: Record<string, unknown> = {},
    credentials: Record<string, string> = {},
    brands = [{ key: 'halcy', name: 'Halcy', query: 'halcy' }],
  ) =>
    instance(
      mastodonConnector,
      { instanceUrl: INSTANCE, baseUrl: server.baseUrl, pageSize: 10, initialLookback: '30d', ...options },
      { sourceId: 'masto-main', credentials, brands, now: NOW },
    );

  it('walks the Link chain by max_id to the empty page, then polls with since_id', async () => {
    chain(server);
    const c = connector({ hashtags: [`#${TAG}`] });
    let cursor: MastodonCursor | null = null;
    const got: string[] = [];
    for (let i = 0; i < 4; i++) {
      const p = await c.fetchPage(cursor);
      got.push(...p.mentions.map((m) => m.native_id));
      cursor = p.cursor;
      expect(p.caughtUp).toBe(i === 3);
    }
    expect(got).toHaveLength(30);
    expect(server.requests.map((r) => r.query.max_id ?? null)).toEqual([
      null,
      maxIdOf(page(1)),
      maxIdOf(page(2)),
      maxIdOf(page(3)),
    ]);
    expect(cursor!.streams[`tag:${TAG}`]!.sinceId).toBe('117020581413876942');
    const again = await c.fetchPage(cursor);
    expect(server.requests[4]!.query).toMatchObject({ limit: '10', since_id: '117020581413876942' });
    expect(again.mentions).toEqual([]);
  });

  it('adds tags from hashtag-only brand queries', async () => {
    server.get(TAG_PATH, page(4));
    await connector({}, {}, [{ key: 'x', name: 'X', query: `#${TAG}` }]).fetchPage(null);
    expect(server.requests[0]!.path).toBe(TAG_PATH);
  });

  it('searches statuses per brand with the token, paging by min_id', async () => {
    const search = loadFixture('mastodon', 'search_v2_mastodon_social_halcy');
    server.get(SEARCH, search);
    const c = connector({ initialLookback: '365d' }, { accessToken: 'tok' });
    const first = await c.fetchPage(null);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer tok');
    expect(server.requests[0]!.query).toMatchObject({ q: 'halcy', type: 'statuses', limit: '10' });
    expect(first.mentions.map((m) => m.native_id)).toEqual([
      'https://icosahedron.website/users/greg/statuses/116388148912635764',
      'https://social.sublingual.xyz/users/Jo/statuses/116388107097123650',
    ]);
    expect(first.caughtUp).toBe(true);
    const again = await c.fetchPage(first.cursor);
    expect(server.requests[1]!.query.min_id).toBe('116388149027005349');
    expect(again.mentions).toEqual([]);
  });

  it('refuses search without a token and a source with nothing to read', async () => {
    await expect(connector({ search: true }).fetchPage(null)).rejects.toThrow(/accessToken/);
    await expect(connector().fetchPage(null)).rejects.toBeInstanceOf(ConnectorConfigError);
  });

  it('maps a 404 to ConnectorConfigError and a 401 to ConnectorAuthError naming the token', async () => {
    server.get(TAG_PATH, loadFixture('mastodon', 'error_404_timeline_link'));
    await expect(connector({ hashtags: [TAG] }).fetchPage(null)).rejects.toBeInstanceOf(ConnectorConfigError);
    server.reset();
    server.get(TAG_PATH, loadFixture('mastodon', 'error_401_home_timeline_no_token'));
    const error = await rejection(connector({ hashtags: [TAG] }).fetchPage(null));
    expect(error).toBeInstanceOf(ConnectorAuthError);
    expect(error.message).toMatch(/accessToken/);
  });

  it('reads the ISO X-RateLimit-Reset of a 429', async () => {
    server.get(TAG_PATH, {
      status: 429,
      headers: { 'x-ratelimit-reset': '2026-08-01T13:55:30.000Z' },
      body: '{}',
    });
    const error = await rejection(connector({ hashtags: [TAG] }).fetchPage(null));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(30_000);
  });
});

describe('mastodon parse', () => {
  it('maps a status: HTML stripped, uri as global id, qualified author, language', () => {
    const [m] = parseMastodonBody(page(1).body).mentions;
    expect(m).toMatchObject({
      source: 'mastodon',
      native_id: 'http://localhost:3000/ap/users/117020566092212359/statuses/117020581413876942',
      url: 'http://localhost:3000/@mastodonpy_test_2/117020581413876942',
      author: 'mastodonpy_test_2@localhost:3000',
      author_followers: 0,
      kind: 'post',
      text: `Toot number 29! #${TAG}`,
      lang_hint: 'ja',
      published_at: Date.parse('2026-08-01T13:52:47.767Z'),
    });
  });

  it('keeps spoiler text as title and text prefix, decodes entities, falls back to uri', () => {
    const body = mutateJson(page(1), (b) => {
      const s = (b as Array<Record<string, unknown>>)[0]!;
      s.spoiler_text = 'CW: rant';
      s.content = '<p>Tom &amp; Jerry&#39;s &quot;show&quot;</p><p>line<br>two</p>';
      s.url = null;
    }).body;
    const [m] = parseMastodonBody(body).mentions;
    expect(m!.title).toBe('CW: rant');
    expect(m!.text).toBe('CW: rant\n\nTom & Jerry\'s "show"\n\nline\ntwo');
    expect(m!.url).toBe(m!.native_id);
  });

  it('compares snowflake ids numerically', () => {
    expect(compareIds('99', '100')).toBeLessThan(0);
    expect(compareIds('117020581413876942', '117020581339834938')).toBeGreaterThan(0);
  });

  it('throws on error envelopes and gives nothing for the empty end page', () => {
    expect(() => parseMastodonBody(loadFixture('mastodon', 'error_404_timeline_link').body)).toThrow(
      /Mastodon/,
    );
    expect(parseMastodonBody(page(4).body)).toEqual({ mentions: [], skippedInvalid: 0 });
  });
});
