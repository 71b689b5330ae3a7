/**
 * Backfill of the sources whose search takes a date range: hackernews (`created_at_i` numeric filters),
 * github (`created:FROM..TO`) and bluesky (`since` / `until`), over recorded responses on the replay server.
 * Each test checks the range parameters sent, that pages walk newest → oldest, that every mention lies in
 * `[from, to)`, `caughtUp` at the end, and `PaginationLoopError` on a repeated token.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { TimeRange } from '../../../core/connector.js';
import { ConnectorConfigError } from '../../../core/errors.js';
import { appstoreConnector } from '../../../connectors/appstore/index.js';
import { blueskyConnector } from '../../../connectors/bluesky/index.js';
import { clearBlueskySessions } from '../../../connectors/bluesky/xrpc.js';
import { githubConnector } from '../../../connectors/github/index.js';
import { hackernewsConnector } from '../../../connectors/hackernews/index.js';
import { connectorDefinitions } from '../../../connectors/registry.js';
import { rssConnector } from '../../../connectors/rss/index.js';
import { loadFixture, mutateJson, ReplayServer, type ReplayResponse } from '../../support/replay-server.js';
import { backfill, blueskySession, drain, expectBackfillWalk } from './support.js';

const server = ReplayServer.forTests();

describe('which sources can backfill', () => {
  it('rss, appstore and x (seven days only) have no history API, the others do', () => {
    expect(rssConnector.createBackfill).toBeUndefined();
    expect(appstoreConnector.createBackfill).toBeUndefined();
    const able = Object.values(connectorDefinitions)
      .filter((d) => d.createBackfill)
      .map((d) => d.type)
      .sort();
    expect(able).toEqual([
      'bluesky',
      'demo',
      'github',
      'hackernews',
      'mastodon',
      'reddit',
      'stackexchange',
      'youtube',
    ]);
  });

  it('refuses an empty range', () => {
    expect(() =>
      backfill(hackernewsConnector, {}, { from: Date.parse('2020-01-02'), to: Date.parse('2020-01-01') }),
    ).toThrow(ConnectorConfigError);
  });
});

describe('hackernews backfill', () => {
  const PATH = '/api/v1/search_by_date';
  const nodejs = () => loadFixture('hn-algolia', 'search_by_date_nodejs_20hits');
  /** The recorded page moved 30,000 s back in time with new ids: the next slice down. */
  const older = () =>
    mutateJson(nodejs(), (b) => {
      for (const h of (b as { hits: Array<Record<string, unknown>> }).hits) {
        h.objectID = String(Number(h.objectID) + 1_000_000);
        h.created_at_i = Number(h.created_at_i) - 30_000;
      }
    });
  const empty = () => mutateJson(nodejs(), (b) => ({ ...(b as object), hits: [], nbHits: 0, nbPages: 0 }));
  // `to` is the newest recorded hit's second: that hit is outside [from, to).
  const range = { from: Date.parse('2017-11-01T00:00:00Z'), to: 1_509_818_497_000 };
  const create = () =>
    backfill(hackernewsConnector, { baseUrl: `${server.baseUrl}/api/v1`, hitsPerPage: 20 }, range);

  it('sends created_at_i>=from,<to, then walks down in time slices until a slice is not full', async () => {
    server.get(PATH, nodejs(), older(), empty());
    const pages = await drain(create());
    expect(server.requests.map((r) => r.query.numericFilters)).toEqual([
      'created_at_i>=1509494400,created_at_i<1509818497',
      'created_at_i>=1509494400,created_at_i<=1509796438',
      'created_at_i>=1509494400,created_at_i<=1509766438',
    ]);
    expect(server.requests[0]?.query).toMatchObject({
      query: 'acme',
      hitsPerPage: '20',
      tags: '(story,comment)',
    });
    expect(pages.map((p) => p.mentions.length)).toEqual([19, 20, 0]);
    expectBackfillWalk(pages, range);
  });
});

describe('github backfill', () => {
  const SEARCH = '/search/issues';
  const sesame = () => loadFixture('github', 'search_issues_sesame');
  const listPage1 = () => loadFixture('github', 'list_issues_paginated_page1');
  const withLink = (r: ReplayResponse, link: string): ReplayResponse => ({
    ...r,
    headers: { ...r.headers, link },
  });
  const olderSesame = () =>
    mutateJson(sesame(), (b) => {
      const items = (b as { items: Array<Record<string, unknown>> }).items;
      items.forEach((item, i) => (item.created_at = `2022-07-19T04:3${1 - i}:00Z`));
    });
  const brands = [{ key: 'sesame', name: 'Sesame', query: 'sesame' }];
  const create = (range: TimeRange, options: Record<string, unknown> = {}) =>
    backfill(githubConnector, { baseUrl: server.baseUrl, ...options }, range, {
      brands,
      credentials: { token: 't' },
    });

  it('searches created:FROM..TO (inclusive seconds, so the last second before `to`) and keeps [from, to)', async () => {
    server.get(SEARCH, sesame());
    const range = { from: Date.parse('2022-07-19T00:00:00Z'), to: Date.parse('2022-07-19T04:40:52Z') };
    const pages = await drain(create(range));
    expect(server.requests[0]?.query).toMatchObject({
      q: 'sesame is:issue created:2022-07-19T00:00:00Z..2022-07-19T04:40:51Z',
      sort: 'created',
      order: 'desc',
    });
    // The recorded result created at exactly `to` is left out.
    expect(pages[0]?.mentions.map((m) => m.published_at)).toEqual([Date.parse('2022-07-19T04:40:49Z')]);
    expectBackfillWalk(pages, range);
  });

  it('follows Link pages inside the window, newest first', async () => {
    server.get(SEARCH, listPage1());
    server.route({ path: SEARCH, query: { page: '2' } }, olderSesame());
    const range = { from: Date.parse('2022-07-19T00:00:00Z'), to: Date.parse('2022-07-19T05:00:00Z') };
    const pages = await drain(create(range));
    expect(server.requests.map((r) => r.query.page)).toEqual([undefined, '2']);
    expect(new Set(server.requests.map((r) => r.query.q)).size).toBe(1);
    expect(pages.map((p) => p.mentions.length)).toEqual([3, 2]);
    expectBackfillWalk(pages, range);
  });

  it('narrows the window to the oldest result seen at the 1,000-result cap', async () => {
    server.get(
      SEARCH,
      withLink(listPage1(), '<https://api.github.com/search/issues?q=x&page=400>; rel="next"'),
      olderSesame(),
    );
    const range = { from: Date.parse('2022-07-19T00:00:00Z'), to: Date.parse('2022-07-19T05:00:00Z') };
    const pages = await drain(create(range, { pageSize: 3 }));
    expect(server.requests.map((r) => r.query.q)).toEqual([
      'sesame is:issue created:2022-07-19T00:00:00Z..2022-07-19T04:59:59Z',
      'sesame is:issue created:2022-07-19T00:00:00Z..2022-07-19T04:39:10Z',
    ]);
    expect(server.requests[1]?.query.page).toBeUndefined();
    expectBackfillWalk(pages, range);
  });

  it('also narrows at the cap when GitHub stops linking "next" but total_count is larger', async () => {
    server.get(
      SEARCH,
      mutateJson(sesame(), (b) => ({ ...(b as object), total_count: 5000 })),
    );
    const range = { from: Date.parse('2022-07-19T00:00:00Z'), to: Date.parse('2022-07-19T05:00:00Z') };
    const key = 'sesame:sesame:issue';
    const walk = { page: 10, upper: '2022-07-19T04:59:59Z', seen: [], newest: { at: range.from, ids: [] } };
    const page = await create(range).fetchPage({ streams: { [key]: { walk } } });
    expect(server.requests[0]?.query.page).toBe('10');
    expect(page.caughtUp).toBe(false);
    expect(page.cursor).toMatchObject({
      streams: { [key]: { walk: { page: 1, upper: '2022-07-19T04:40:49Z' } } },
    });
  });
});

describe('bluesky backfill', () => {
  const SEARCH = '/xrpc/app.bsky.feed.searchPosts';
  const search = () => loadFixture('bluesky', 'search_posts_redistricting');
  const HOUR = 3_600_000;
  /** The recorded posts moved `hours` back, with new rkeys, and with or without a cursor. */
  const shifted = (hours: number, cursor?: string, keepUri?: (uri: string) => boolean) =>
    mutateJson(search(), (b) => {
      const body = b as {
        posts: Array<{ uri: string; indexedAt: string; record: { createdAt: string } }>;
        cursor?: string;
      };
      for (const p of body.posts) {
        if (keepUri?.(p.uri)) continue;
        p.uri = `${p.uri}x${hours}`;
        p.indexedAt = new Date(Date.parse(p.indexedAt) - hours * HOUR).toISOString();
        p.record.createdAt = new Date(Date.parse(p.record.createdAt) - hours * HOUR).toISOString();
      }
      if (cursor === undefined) delete body.cursor;
      else body.cursor = cursor;
    });
  /** The recorded post with the oldest `sortAt` (min of createdAt and indexedAt): a slice boundary. */
  const oldestPost = () =>
    (
      JSON.parse(search().body) as {
        posts: Array<{ uri: string; indexedAt: string; record: { createdAt: string } }>;
      }
    ).posts
      .map((p) => ({ uri: p.uri, sortAt: Math.min(Date.parse(p.indexedAt), Date.parse(p.record.createdAt)) }))
      .reduce((a, p) => (p.sortAt < a.sortAt ? p : a));
  const range = { from: Date.parse('2025-05-17T00:00:00Z'), to: Date.parse('2025-05-19T17:10:00Z') };
  const create = () =>
    backfill(blueskyConnector, { baseUrl: server.baseUrl, pageSize: 25 }, range, {
      credentials: { identifier: 'acme.bsky.social', appPassword: 'abcd-efgh-ijkl-mnop' },
    });
  beforeEach(() => {
    clearBlueskySessions();
    server.post('/xrpc/com.atproto.server.createSession', blueskySession());
  });

  it('sends since/until, follows the cursor, re-slices below the oldest post when it ends, until a slice is empty', async () => {
    const empty = mutateJson(search(), () => ({ posts: [] }));
    server.get(SEARCH, search(), shifted(18), shifted(36), empty);
    const pages = await drain(create());
    const queries = server.requestsTo(SEARCH).map((r) => r.query);
    expect(queries[0]).toMatchObject({
      sort: 'latest',
      since: '2025-05-17T00:00:00.000Z',
      until: '2025-05-19T17:10:00.000Z',
    });
    expect(queries[0]?.cursor).toBeUndefined();
    expect(queries[1]).toMatchObject({ cursor: '25', until: '2025-05-19T17:10:00.000Z' });
    const oldest = (hours: number) => oldestPost().sortAt - hours * HOUR;
    expect(queries[2]?.until).toBe(new Date(oldest(18) + 1).toISOString());
    expect(queries[2]?.cursor).toBeUndefined();
    expect(queries[3]?.until).toBe(new Date(oldest(36) + 1).toISOString());
    expect(pages.map((p) => p.mentions.length)).toEqual([24, 25, 25, 0]);
    expectBackfillWalk(pages, range);
  });

  it('does not deliver again the posts at the slice boundary', async () => {
    const oldestUri = oldestPost().uri;
    // The slice below returns the boundary post again (same uri and time) plus older ones.
    server.get(
      SEARCH,
      shifted(0, undefined, () => true),
      shifted(18, undefined, (uri) => uri === oldestUri),
    );
    const connector = create();
    const first = await connector.fetchPage(null);
    const second = await connector.fetchPage(first.cursor);
    expect(second.mentions.map((m) => m.native_id)).not.toContain(oldestUri);
    expect(second.mentions).toHaveLength(24);
  });
});
