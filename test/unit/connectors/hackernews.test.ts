import { describe, expect, it } from 'vitest';
import { hackernewsConnector, type HackerNewsCursor } from '../../../connectors/hackernews/index.js';
import { parseHackerNews } from '../../../connectors/hackernews/parse.js';
import { loadFixture, mutateJson, ReplayServer } from '../../support/replay-server.js';
import { runConformanceSuite, SUITE_NOW } from './conformance.js';
import { brokenRecords, instance } from './support.js';

const nodejs = loadFixture('hn-algolia', 'search_by_date_nodejs_20hits');
const comment = loadFixture('hn-algolia', 'search_by_date_comment_apple_hpp1');
const askHn = loadFixture('hn-algolia', 'search_by_date_ask_hn_apple_page2');
const PATH = '/api/v1/search_by_date';
const empty = mutateJson(nodejs, (b) => ({ ...(b as object), hits: [], nbHits: 0, nbPages: 0 }));
const position = (c: HackerNewsCursor) => Math.max(0, ...Object.values(c.searches).map((s) => s.newest));

runConformanceSuite<unknown, HackerNewsCursor>({
  definition: hackernewsConnector as never,
  fixtureSource: 'hn-algolia',
  brands: [{ key: 'acme', name: 'Acme', query: 'acme' }],
  options: (baseUrl) => ({ baseUrl: `${baseUrl}/api/v1`, hitsPerPage: 20 }),
  cursorPosition: position,
  pages: [nodejs, comment, askHn].map((fx) => ({ title: fx.fixture, setup: (s) => s.get(PATH, fx) })),
  network: {
    pagePath: PATH,
    samplePage: nodejs,
    parseBodies: [nodejs, comment, askHn],
    paginationLoop: {
      title: 'a full page served again below the time slice bound',
      setup: (s) => s.get(PATH, nodejs),
      cursor: { searches: { acme: { newest: 1_500_000_000, newestIds: [] } } },
    },
    malformedRecords: brokenRecords(
      nodejs,
      'hits',
      (hit) => ({ ...hit, objectID: undefined }),
      (hit) => ({ ...hit, created_at_i: null, created_at: 'yesterday' }),
      (hit) => ({ ...hit, comment_text: '<p> </p>', title: null, story_text: null }),
    ),
  },
  backfill: {
    // `to` is the newest recorded hit's second: that hit is outside [from, to).
    range: { from: Date.parse('2017-11-01T00:00:00Z'), to: 1_509_818_497_000 },
    pages: [{ title: 'a full page, then an empty slice', setup: (s) => s.get(PATH, nodejs, empty) }],
    paginationLoop: { title: 'the same full page for every slice', setup: (s) => s.get(PATH, nodejs) },
  },
});

describe('hackernews specifics', () => {
  const server = ReplayServer.forTests();
  const create = (options: Record<string, unknown> = {}) =>
    instance(
      hackernewsConnector,
      { baseUrl: `${server.baseUrl}/api/v1`, ...options },
      { sourceId: 'hn-1', brands: [{ key: 'acme', name: 'Acme Air', query: '"acme air"' }], now: SUITE_NOW },
    );

  it('decodes HTML in comment_text and links to the HN item', () => {
    const [m] = parseHackerNews(comment.body).mentions;
    expect(m?.url).toBe('https://news.ycombinator.com/item?id=7919418');
    expect(m?.kind).toBe('comment');
    expect(m?.text).toContain("they aren't contributing to the scholarship they do pay");
    expect(m?.text).toContain('Starbucks/Wal-Mart');
    expect(m?.published_at).toBe(1403235154000);
  });

  it('maps stories with points and comment counts', () => {
    const story = parseHackerNews(nodejs.body).mentions.find((m) => m.native_id === '15625325');
    expect(story?.kind).toBe('post');
    expect(story?.title).toBeTruthy();
    expect(story?.engagement.score).toBeGreaterThanOrEqual(0);
  });

  it('asks Algolia for hits since the watermark, and walks down in time slices while pages are full', async () => {
    server.get(PATH, nodejs, empty);
    const connector = create({ hitsPerPage: 20 });
    const first = await connector.fetchPage({
      searches: { '"acme air"': { newest: 1_509_790_000, newestIds: [] } },
    });
    expect(server.requests[0]?.query).toMatchObject({
      query: '"acme air"',
      tags: '(story,comment)',
      numericFilters: 'created_at_i>=1509790000',
      hitsPerPage: '20',
    });
    expect(first.caughtUp).toBe(false);
    expect(first.mentions).toHaveLength(20);
    const second = await connector.fetchPage(first.cursor);
    expect(server.requests[1]?.query.numericFilters).toBe(
      'created_at_i>=1509790000,created_at_i<=1509796438',
    );
    expect(second.caughtUp).toBe(true);
    expect(second.cursor.searches['"acme air"']).toEqual({ newest: 1509818497, newestIds: ['15626146'] });
  });
});
