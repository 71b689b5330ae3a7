/**
 * The Stack Exchange connector over its recorded responses: the 100-question `/search/advanced` page
 * (anonymous quota 161/300) and the two recorded throttle errors, plus the `backoff` wait, paging by
 * `todate` and the error wrappers against the replay server.
 */
import { describe, expect, it } from 'vitest';
import { ConnectorAuthError, ConnectorConfigError, RateLimitedError } from '../../../core/errors.js';
import { silentLogger, type Logger } from '../../../core/logger.js';
import { stackexchangeConnector, type StackExchangeCursor } from '../../../connectors/stackexchange/index.js';
import { parseStackExchangeBody } from '../../../connectors/stackexchange/parse.js';
import { loadFixture, mutateJson, ReplayServer, type ReplayResponse } from '../../support/replay-server.js';
import { runConformanceSuite } from './conformance.js';
import { backfill, brokenRecords, drain, instance, rejection } from './support.js';

const SEARCH = '/search/advanced';
const NOW = Date.parse('2020-10-01T00:00:00Z');
const BRANDS = [{ key: 'vim', name: 'Vim', query: 'vim' }];
/** Reaches back to the oldest recorded question (2009). */
const LOOKBACK = '4200d';

type Wrapper = { items: Array<Record<string, unknown>>; has_more: boolean; backoff?: number };
const recorded = () => loadFixture('stackexchange', 'search_advanced_pagesize100');
const withBody = (r: ReplayResponse, change: (w: Wrapper) => void) =>
  mutateJson(r, (b) => {
    change(b as Wrapper);
  });
/** The recorded page as the last one of a walk (no more pages). */
const lastPage = () => withBody(recorded(), (w) => (w.has_more = false));
const cursorPosition = (c: StackExchangeCursor) =>
  Math.min(...Object.values(c.streams).map((s) => s.watermark.at));
const oldestSecond = Math.min(
  ...(JSON.parse(recorded().body) as Wrapper).items.map((i) => i.creation_date as number),
);

runConformanceSuite({
  definition: stackexchangeConnector,
  options: (baseUrl) => ({ baseUrl, initialLookback: LOOKBACK }),
  brands: BRANDS,
  now: NOW,
  fixtureSource: 'stackexchange',
  cursorPosition,
  pages: [
    {
      title: 'recorded search page, last of its walk',
      setup: (s) => s.get(SEARCH, lastPage()),
      minMentions: 100,
    },
    {
      title: 'recorded page with has_more, then the page below its oldest question (todate)',
      setup: (s) => {
        s.get(SEARCH, recorded());
        s.route(
          { path: SEARCH, query: { todate: String(oldestSecond + 1) } },
          withBody(lastPage(), (w) => (w.items = w.items.slice(0, 3))),
        );
      },
      minMentions: 100,
    },
  ],
  network: {
    pagePath: SEARCH,
    samplePage: lastPage(),
    parseBodies: [recorded()],
    paginationLoop: { title: 'has_more forever on the same page', setup: (s) => s.get(SEARCH, recorded()) },
    rateLimits: [
      {
        title: 'recorded quota exhaustion: error 502, "more requests available in 17524 seconds"',
        response: loadFixture('stackexchange', 'error_throttle_violation_ip'),
        expectedWaitMs: 17_524_000,
      },
      {
        title: 'recorded backoff violation: error 502 without a time, waits 60 s',
        response: loadFixture('stackexchange', 'error_throttle_violation_backoff'),
        expectedWaitMs: 60_000,
      },
    ],
    authFailures: [
      {
        status: 400,
        headers: { 'content-type': 'application/json' },
        body: '{"error_id":403,"error_name":"access_denied","error_message":"`key` is not valid for passed access_token"}',
      },
      { status: 401, headers: {}, body: '' },
    ],
    malformedRecords: brokenRecords(
      recorded(),
      'items',
      (q) => ({ ...q, creation_date: 'yesterday' }),
      (q) => ({ ...q, link: undefined }),
      (q) => ({ ...q, title: '' }),
    ),
  },
  backfill: {
    range: { from: Date.parse('2020-09-01T00:00:00Z'), to: NOW },
    pages: [
      { title: 'recorded page, last of its walk', setup: (s) => s.get(SEARCH, lastPage()), minMentions: 7 },
    ],
    paginationLoop: { title: 'has_more forever on the same page', setup: (s) => s.get(SEARCH, recorded()) },
  },
});

describe('stackexchange connector specifics', () => {
  const server = ReplayServer.forTests();
  const connector = (
    options: Record<string, unknown> = {},
    setup: { now?: number | (() => number); logger?: Logger; key?: string } = {},
  ) =>
    instance(
      stackexchangeConnector,
      { baseUrl: server.baseUrl, initialLookback: LOOKBACK, ...options },
      {
        sourceId: 'se-main',
        brands: BRANDS,
        now: setup.now ?? NOW,
        logger: setup.logger ?? silentLogger,
        credentials: setup.key ? { key: setup.key } : {},
      },
    );

  it('searches each site newest first from the watermark, with body filter, tags and key', async () => {
    server.get(SEARCH, lastPage());
    await connector({ sites: ['stackoverflow', 'unix'], tagged: ['vim', 'bash'] }, { key: 'k3y' }).fetchPage(
      null,
    );
    expect(server.requests.map((r) => r.query.site)).toEqual(['stackoverflow', 'unix']);
    expect(server.requests[0]!.query).toEqual({
      site: 'stackoverflow',
      q: 'vim',
      sort: 'creation',
      order: 'desc',
      pagesize: '100',
      tagged: 'vim;bash',
      filter: 'withbody',
      key: 'k3y',
      fromdate: String(Math.floor((NOW - 4200 * 86_400_000) / 1000)),
    });
  });

  it('honours backoff exactly: the rest of the page waits, an early next page is refused for the remaining time', async () => {
    let now = NOW;
    server.get(
      SEARCH,
      withBody(lastPage(), (w) => (w.backoff = 10)),
    );
    const c = connector({ sites: ['stackoverflow', 'superuser'] }, { now: () => now });
    const first = await c.fetchPage(null);
    // stackoverflow was read and asked for 10 s; superuser waits.
    expect(server.requests).toHaveLength(1);
    expect(first.caughtUp).toBe(false);
    expect(first.cursor.backoffUntil).toBe(NOW + 10_000);
    expect(first.cursor.deferred).toEqual(['superuser:vim:vim']);
    now += 4_000;
    const early = await rejection(c.fetchPage(first.cursor));
    expect(early).toBeInstanceOf(RateLimitedError);
    expect((early as RateLimitedError).retryAfterMs).toBe(6_000);
    expect(server.requests).toHaveLength(1);
    now += 6_000;
    server.reset();
    server.get(SEARCH, lastPage());
    const next = await c.fetchPage(JSON.parse(JSON.stringify(first.cursor)) as StackExchangeCursor);
    expect(server.requests.map((r) => r.query.site)).toEqual(['superuser']);
    expect(next.mentions.length).toBe(100);
    expect(next.cursor.backoffUntil).toBeUndefined();
    expect(next.cursor.deferred).toBeUndefined();
    expect(next.caughtUp).toBe(true);
  });

  it('re-polls from the newest creation_date delivered', async () => {
    server.get(SEARCH, lastPage());
    const pages = await drain(connector());
    const again = await connector().fetchPage(pages.at(-1)!.cursor);
    expect(again.mentions).toEqual([]);
    expect(server.requests.at(-1)!.query.fromdate).toBe('1601455922');
  });

  it('logs the quota of every response and reports it in check()', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const logger: Logger = { ...silentLogger, debug: (o) => void seen.push(o as Record<string, unknown>) };
    server.get(SEARCH, lastPage());
    await connector({}, { logger }).fetchPage(null);
    expect(seen).toContainEqual(expect.objectContaining({ quota_remaining: 161, quota_max: 300 }));
    const check = await connector().check();
    expect(check).toEqual({ ok: true, detail: expect.stringContaining('quota 161/300 left today') });
    expect(server.requests.at(-1)!.query.pagesize).toBe('1');
  });

  it('warns when less than a tenth of the quota is left', async () => {
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (_o, msg) => void warnings.push(msg ?? '') };
    server.get(
      SEARCH,
      mutateJson(lastPage(), (b) => void ((b as { quota_remaining: number }).quota_remaining = 12)),
    );
    await connector({}, { logger }).fetchPage(null);
    expect(warnings).toEqual(['Stack Exchange daily quota nearly used up']);
  });

  it('maps error wrappers: bad_parameter is a config error, access errors are auth errors', async () => {
    const wrapper = (id: number, name: string): ReplayResponse => ({
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error_id: id, error_name: name, error_message: 'site is required' }),
    });
    server.get(SEARCH, wrapper(400, 'bad_parameter'));
    const config = await rejection(connector().fetchPage(null));
    expect(config).toBeInstanceOf(ConnectorConfigError);
    expect(config.message).toMatch(/on stackoverflow for se-main \(error 400 bad_parameter/);
    server.reset();
    server.get(SEARCH, wrapper(402, 'invalid_access_token'));
    expect(await rejection(connector().fetchPage(null))).toBeInstanceOf(ConnectorAuthError);
  });
});

describe('stackexchange backfill', () => {
  const server = ReplayServer.forTests();
  const range = { from: Date.parse('2020-09-01T00:00:00Z'), to: Date.parse('2020-09-28T00:00:00Z') };

  it('walks [from, to) with fromdate/todate, down through todate while has_more, then stays done', async () => {
    server.get(SEARCH, recorded());
    server.route({ path: SEARCH, query: { todate: String(oldestSecond + 1) } }, lastPage());
    const bf = backfill(stackexchangeConnector, { baseUrl: server.baseUrl }, range, {
      brands: BRANDS,
      now: NOW,
    });
    const pages = await drain(bf);
    expect(server.requests.map((r) => [r.query.fromdate, r.query.todate])).toEqual([
      [String(range.from / 1000), String(range.to / 1000)],
      [String(range.from / 1000), String(oldestSecond + 1)],
    ]);
    const times = pages.flatMap((p) => p.mentions.map((m) => m.published_at));
    expect(times.length).toBeGreaterThan(0);
    expect(times.every((t) => t >= range.from && t < range.to)).toBe(true);
    expect(pages.at(-1)!.caughtUp).toBe(true);
  });

  it('honours backoff in a backfill too', async () => {
    server.get(
      SEARCH,
      withBody(lastPage(), (w) => (w.backoff = 3)),
    );
    const bf = backfill(
      stackexchangeConnector,
      { baseUrl: server.baseUrl, sites: ['stackoverflow', 'unix'] },
      range,
      {
        brands: BRANDS,
        now: NOW,
      },
    );
    const first = await bf.fetchPage(null);
    expect(server.requests).toHaveLength(1);
    const early = await rejection(bf.fetchPage(first.cursor));
    expect((early as RateLimitedError).retryAfterMs).toBe(3_000);
  });
});

describe('stackexchange parse', () => {
  it('decodes HTML entities in titles and keys questions by site and id', () => {
    const { mentions } = parseStackExchangeBody(recorded().body);
    const pawns = mentions.find((m) => m.title?.startsWith('Why won'));
    expect(pawns).toMatchObject({
      source: 'stackexchange',
      title: "Why won't only Valid moves of pawns work?",
      text: "Why won't only Valid moves of pawns work?",
      kind: 'post',
    });
    expect(pawns!.native_id).toMatch(/^stackoverflow\.com\/q\/\d+$/);
    const first = mentions[0]!;
    expect(first).toMatchObject({
      native_id: 'stackoverflow.com/q/61558774',
      url: 'https://stackoverflow.com/questions/61558774/how-to-effectively-add-dependency-aar-file-in-xamarin-project',
      author: 'Tiklu Ganguly',
      published_at: 1588419576000,
      engagement: { likes: 0, shares: 0, replies: 2, score: 1 },
    });
  });

  it('turns a body into text after the title', () => {
    const body = JSON.stringify({
      items: [
        {
          question_id: 1,
          title: 'Vim &amp; tmux',
          link: 'https://unix.stackexchange.com/questions/1/x',
          creation_date: 1600000000,
          body: '<p>Colors are <code>wrong</code> &lt;sigh&gt;</p>',
          owner: { display_name: 'Jos&#233;' },
        },
      ],
      has_more: false,
    });
    expect(parseStackExchangeBody(body).mentions[0]).toMatchObject({
      native_id: 'unix.stackexchange.com/q/1',
      author: 'José',
      title: 'Vim & tmux',
      text: 'Vim & tmux\n\nColors are wrong <sigh>',
    });
  });

  it('refuses an error wrapper', () => {
    expect(() =>
      parseStackExchangeBody(loadFixture('stackexchange', 'error_throttle_violation_ip').body),
    ).toThrow(/not a Stack Exchange question list/);
  });
});
