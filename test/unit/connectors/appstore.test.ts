import { describe, expect, it } from 'vitest';
import { appstoreConnector, type AppStoreCursor } from '../../../connectors/appstore/index.js';
import { parseAppStore } from '../../../connectors/appstore/parse.js';
import { loadFixture, mutateJson, ReplayServer } from '../../support/replay-server.js';
import { runConformanceSuite, SUITE_NOW } from './conformance.js';
import { brokenRecords, instance } from './support.js';

const gb1 = loadFixture('appstore', 'customerreviews_gb_page1_4entries');
const gb2 = loadFixture('appstore', 'customerreviews_gb_page2_no_entry');
const unknownApp = loadFixture('appstore', 'customerreviews_unknown_app_no_entry');
const xcode = loadFixture('appstore', 'customerreviews_xcode_fr_page1');
const depth = loadFixture('appstore', 'error_page_depth_limited_to_10');

const APP = '497799835';
const page = (n: number) => `/fr/rss/customerreviews/page=${n}/id=${APP}/sortby=mostrecent/json`;
const ANY_PAGE = /^\/fr\/rss\/customerreviews\/page=\d+\/id=\d+\/sortby=mostrecent\/json$/;

runConformanceSuite<unknown, AppStoreCursor>({
  definition: appstoreConnector as never,
  fixtureSource: 'appstore',
  options: (baseUrl) => ({ baseUrl, appId: APP, country: 'fr' }),
  cursorPosition: (c) => c.newestPublishedAt,
  pages: [
    { title: 'xcode fr page 1 then an empty page 2', setup: (s) => s.get(page(1), xcode).get(page(2), gb2) },
    { title: 'small gb page (4 entries)', setup: (s) => s.get(page(1), gb1) },
  ],
  network: {
    pagePath: ANY_PAGE,
    samplePage: xcode,
    parseBodies: [xcode, gb1],
    paginationLoop: { title: 'every page number serves page 1', setup: (s) => s.get(ANY_PAGE, xcode) },
    malformedRecords: brokenRecords(
      gb1,
      'feed.entry',
      (e) => ({ ...e, id: undefined }),
      (e) => ({ ...e, 'im:rating': { label: 'five' } }),
    ),
  },
});

describe('appstore specifics', () => {
  const server = ReplayServer.forTests();
  const create = (sourceId = 'appstore-1', options: Record<string, unknown> = {}) =>
    instance(
      appstoreConnector,
      { baseUrl: server.baseUrl, appId: APP, country: 'FR', ...options },
      { sourceId, now: SUITE_NOW },
    );

  it('maps ratings, authors, votes and falls back to fetch time without `updated`', () => {
    const { mentions } = parseAppStore(gb1.body);
    expect(mentions).toHaveLength(4);
    expect(mentions[0]).toMatchObject({
      native_id: '6504352127',
      kind: 'review',
      author: 'immeallme',
      title: 'Amazing photos integration',
      rating: { value: 5, scale: 5 },
    });
    expect(mentions[0]?.url).toContain('apps.apple.com/gb/app/id1510826067');
    const feedUpdated = (JSON.parse(gb1.body) as { feed: { updated: { label: string } } }).feed.updated.label;
    expect(mentions[0]?.published_at).toBe(Date.parse(feedUpdated));
  });

  it('stops cleanly on the plain-text page-depth error and on an unknown app', async () => {
    server.get(page(10), depth).get(page(1), unknownApp);
    const connector = create('appstore-deep', { country: 'fr', maxPages: 10 });
    const deep = await connector.fetchPage({
      seenIds: ['1'],
      newestPublishedAt: 5,
      walk: { page: 10, firstId: 'x' },
    });
    expect(deep.caughtUp).toBe(true);
    expect(parseAppStore(depth.body)).toEqual({ mentions: [], skippedInvalid: 0 });
    const empty = await create().fetchPage(null);
    expect(empty).toMatchObject({ mentions: [], caughtUp: true, skippedInvalid: 0 });
    expect(await create().check()).toMatchObject({ ok: true, detail: expect.stringContaining('no reviews') });
  });

  it('serves page 11 text even with an odd status and still stops cleanly', async () => {
    server.get(page(1), xcode).get(page(2), depth);
    const connector = create();
    const first = await connector.fetchPage(null);
    expect(first.cursor.walk?.page).toBe(2);
    const second = await connector.fetchPage(first.cursor);
    expect(second).toMatchObject({ mentions: [], caughtUp: true });
    expect(second.cursor.seenIds).toHaveLength(50);
  });

  it('accepts `entry` as a single object and skips app metadata entries', () => {
    const single = mutateJson(gb1, (b) => {
      const feed = (b as { feed: { entry: unknown[] } }).feed;
      (feed as { entry: unknown }).entry = [
        { 'im:name': { label: 'Some app' }, id: { label: 'app' } },
        feed.entry[0],
      ];
    });
    expect(parseAppStore(single.body)).toMatchObject({
      skippedInvalid: 0,
      mentions: [{ native_id: '6504352127' }],
    });
    const one = mutateJson(gb1, (b) => {
      const feed = (b as { feed: { entry: unknown } }).feed;
      feed.entry = (feed.entry as unknown[])[1];
    });
    expect(parseAppStore(one.body).mentions).toHaveLength(1);
  });
});
