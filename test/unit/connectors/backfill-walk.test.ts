/**
 * Backfill of the sources with no date filter, which walk their listing back from newest (mastodon from
 * the snowflake id of `to`, youtube, reddit), and of the demo generator, over recorded responses on the
 * replay server. Each test checks the parameters sent, the monotonic walk, that every mention lies in
 * `[from, to)`, `caughtUp` at the end, and `PaginationLoopError` on a repeated token.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { TimeRange } from '../../../core/connector.js';
import { type Logger, silentLogger } from '../../../core/logger.js';
import { demoConnector } from '../../../connectors/demo/index.js';
import { snowflakeAt } from '../../../connectors/mastodon/backfill.js';
import { mastodonConnector } from '../../../connectors/mastodon/index.js';
import { redditConnector } from '../../../connectors/reddit/index.js';
import { youtubeConnector } from '../../../connectors/youtube/index.js';
import { loadFixture, mutateJson, ReplayServer, type ReplayResponse } from '../../support/replay-server.js';
import { backfill as backfillOf, drain, expectBackfillWalk, redditToken } from './support.js';

const BRANDS = [
  { key: 'acme', name: 'Acme', query: 'acme' },
  { key: 'globex', name: 'Globex', query: 'globex' },
];

/** These walks search for both brands. */
const backfill: typeof backfillOf = (definition, options, range, extra = {}) =>
  backfillOf(definition, options, range, { brands: BRANDS, ...extra });

const server = ReplayServer.forTests();

describe('mastodon backfill', () => {
  const TAG = 'fgiztsshwiaqqiztpmmjbtvmescsculuvmgjgopwoeidbcrixp';
  const TAG_PATH = `/api/v1/timelines/tag/${TAG}`;
  const page = (n: number) => loadFixture('mastodon', `timeline_tag_page${n}`);
  const maxIdOf = (r: ReplayResponse) => /max_id=(\d+)>; rel="next"/.exec(r.headers.link ?? '')?.[1] ?? '';
  const create = (range: TimeRange) =>
    backfill(
      mastodonConnector,
      { instanceUrl: 'https://mastodon.example', baseUrl: server.baseUrl, hashtags: [TAG], pageSize: 10 },
      range,
    );

  it('starts at max_id = snowflake(to), follows Link max_id, stops at a page entirely older than from', async () => {
    server.get(TAG_PATH, page(1));
    for (const n of [2, 3, 4])
      server.route({ path: TAG_PATH, query: { max_id: maxIdOf(page(n - 1)) } }, page(n));
    const range = {
      from: Date.parse('2026-08-01T13:52:45.500Z'),
      to: Date.parse('2026-08-01T13:52:47.000Z'),
    };
    const pages = await drain(create(range));
    const maxIds = server.requests.map((r) => r.query.max_id);
    expect(maxIds).toEqual([snowflakeAt(range.to), maxIdOf(page(1)), maxIdOf(page(2))]);
    // Snowflake ids carry their creation time: the first max_id sits just above the recorded 13:52:46.9 ids.
    expect(BigInt(maxIds[0]!) >> 16n).toBe(BigInt(range.to));
    expect(server.requests[0]?.query.limit).toBe('10');
    // Page 1 (the server ignores max_id here) has 3 statuses before `to`, page 2 has 9 after `from`, and
    // page 3, entirely older than `from`, ends the walk.
    expect(pages.map((p) => p.mentions.length)).toEqual([3, 9, 0]);
    expectBackfillWalk(pages, range);
  });
});

describe('youtube backfill', () => {
  const THREADS = '/commentThreads';
  const VIDEO = 'F1UP7wRCPH8';
  const videoPage = () => loadFixture('youtube', 'comment_threads_by_video_page1');
  const channelPage = () => loadFixture('youtube', 'comment_threads_by_channel');
  const create = (range: TimeRange) =>
    backfill(youtubeConnector, { baseUrl: server.baseUrl, videoIds: [VIDEO] }, range, {
      credentials: { apiKey: 'AIza-test' },
    });

  it('walks order=time pages through pageToken until a thread is older than from', async () => {
    // Page 2 is the (older) channel recording: it reaches before `from`, so the walk ends there.
    server.get(THREADS, videoPage(), channelPage());
    const range = { from: Date.parse('2019-11-01T00:00:00Z'), to: Date.parse('2019-11-26T00:00:00Z') };
    const pages = await drain(create(range));
    expect(server.requests[0]?.query).toMatchObject({ order: 'time', videoId: VIDEO, part: 'snippet' });
    expect(server.requests[0]?.query.pageToken).toBeUndefined();
    const token = (JSON.parse(videoPage().body) as { nextPageToken: string }).nextPageToken;
    expect(server.requests[1]?.query.pageToken).toBe(token);
    expect(server.requests).toHaveLength(2);
    expect(pages[0]?.mentions.length).toBeGreaterThan(0);
    expect(pages[1]?.mentions).toEqual([]);
    expectBackfillWalk(pages, range);
  });
});

describe('reddit backfill', () => {
  const TOKEN_PATH = '/api/v1/access_token';
  const LISTING = '/r/AskReddit/new';
  const listing = () => loadFixture('reddit', 'r_askreddit_new_limit100');
  const end = () =>
    mutateJson(listing(), (b) => ({
      kind: 'Listing',
      data: { ...(b as { data: object }).data, children: [], after: null },
    }));
  const create = (range: TimeRange, logger?: Logger) =>
    backfill(
      redditConnector,
      {
        mode: 'new',
        subreddits: ['AskReddit'],
        baseUrl: server.baseUrl,
        tokenUrl: `${server.baseUrl}${TOKEN_PATH}`,
      },
      range,
      { credentials: { clientId: 'id', clientSecret: 'shh' }, logger },
    );
  beforeEach(() => server.post(TOKEN_PATH, redditToken));

  it('walks the listing back with after and stops at the first submission older than from', async () => {
    server.get(LISTING, listing());
    // The recorded page spans 1456818242..1456821458 (s); `from` falls inside it.
    const range = { from: 1_456_820_000_000, to: 1_456_821_000_000 };
    const pages = await drain(create(range));
    expect(server.requestsTo(LISTING)).toHaveLength(1);
    expect(server.requestsTo(LISTING)[0]?.query).toMatchObject({ limit: '100', raw_json: '1' });
    expect(pages[0]?.mentions.length).toBeGreaterThan(0);
    expect(pages[0]!.mentions.length).toBeLessThan(100);
    expectBackfillWalk(pages, range);
  });

  it('warns and ends when the listing runs out before from (about 1,000 items back)', async () => {
    server.get(LISTING, listing(), end());
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (_o, msg) => void warnings.push(msg ?? '') };
    const range = { from: Date.parse('2016-01-01T00:00:00Z'), to: Date.parse('2016-04-01T00:00:00Z') };
    const pages = await drain(create(range, logger));
    expect(server.requestsTo(LISTING)[1]?.query.after).toBe('t3_48f6io');
    expect(pages.map((p) => p.mentions.length)).toEqual([100, 0]);
    expect(warnings.join('\n')).toMatch(/ended before 2016-01-01T00:00:00.000Z.*1,000 items/);
    expectBackfillWalk(pages, range);
  });
});

describe('demo backfill', () => {
  const range = { from: Date.parse('2026-04-01T10:00:00Z'), to: Date.parse('2026-04-01T16:30:00Z') };

  it('generates exactly the scheduled stream of [from, to), oldest first, page by page', async () => {
    const pages = await drain(backfill(demoConnector, { seed: 7, maxPerPage: 300 }, range));
    expect(pages.length).toBeGreaterThan(2);
    expectBackfillWalk(pages, range, 'forward');
    // The scheduled connector, polled with its clock at `to` from a cursor at `from`, emits the same ids.
    const scheduled = demoConnector.create({
      sourceId: 'bf-2',
      options: demoConnector.optionsSchema.parse({ seed: 7, maxPerPage: 10_000 }),
      credentials: {},
      brands: BRANDS,
      logger: silentLogger,
      now: () => range.to,
    });
    const once = await scheduled.fetchPage({ generatedUntil: range.from });
    expect(pages.flatMap((p) => p.mentions.map((m) => m.native_id))).toEqual(
      once.mentions.map((m) => m.native_id),
    );
  });

  it('is deterministic and resumes from its cursor', async () => {
    const connector = backfill(demoConnector, { seed: 7, maxPerPage: 300 }, range);
    const first = await connector.fetchPage(null);
    const again = await connector.fetchPage(null);
    expect(again.mentions).toEqual(first.mentions);
    const second = await connector.fetchPage(first.cursor);
    expect(second.mentions[0]!.published_at).toBeGreaterThanOrEqual(first.mentions.at(-1)!.published_at);
  });
});
