import { describe, expect, it } from 'vitest';
import { ConnectorConfigError, RateLimitedError } from '../../../core/errors.js';
import { msUntilPacificMidnight } from '../../../connectors/youtube/errors.js';
import { youtubeConnector, type YoutubeCursor } from '../../../connectors/youtube/index.js';
import { parseYoutubeBody } from '../../../connectors/youtube/parse.js';
import { loadFixture, mutateJson, ReplayServer, type ReplayResponse } from '../../support/replay-server.js';
import { runConformanceSuite } from './conformance.js';
import { brokenRecords, instance, rejection } from './support.js';

const THREADS = '/commentThreads';
/** 04:00 in Los Angeles (PST, UTC-8): the quota resets in 20 hours. */
const NOW = Date.parse('2019-11-27T12:00:00Z');
const VIDEO = 'F1UP7wRCPH8';
const CHANNEL = 'UC_x5XG1OV2P6uZZ5FSM9Ttw';

const videoPage = () => loadFixture('youtube', 'comment_threads_by_video_page1');
const channelPage = () => loadFixture('youtube', 'comment_threads_by_channel');
/** The recorded video page without its next-page token: the last page. */
const lastVideoPage = () =>
  mutateJson(videoPage(), (b) => {
    delete (b as { nextPageToken?: string }).nextPageToken;
  });
const cursorPosition = (c: YoutubeCursor) => Math.min(...Object.values(c.streams).map((s) => s.watermark.at));
const commentsDisabled: ReplayResponse = {
  status: 403,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    error: {
      code: 403,
      message: 'The video identified by the videoId parameter has disabled comments.',
      errors: [{ message: 'disabled comments', domain: 'youtube.commentThread', reason: 'commentsDisabled' }],
    },
  }),
};

runConformanceSuite({
  definition: youtubeConnector,
  options: (baseUrl) => ({ baseUrl, videoIds: [VIDEO], initialLookback: '3650d' }),
  credentials: { apiKey: 'AIza-test' },
  now: NOW,
  fixtureSource: 'youtube',
  cursorPosition,
  pages: [
    {
      title: 'recorded video threads, page 1 then the last page',
      setup: (s) => s.get(THREADS, videoPage(), lastVideoPage()),
      minMentions: 5,
    },
  ],
  network: {
    pagePath: THREADS,
    samplePage: lastVideoPage(),
    parseBodies: [videoPage(), channelPage()],
    paginationLoop: {
      title: 'the same nextPageToken on every page',
      setup: (s) => s.get(THREADS, videoPage()),
    },
    rateLimits: [
      {
        title: 'recorded 403 quotaExceeded → until midnight Pacific',
        response: loadFixture('youtube', 'error_403_quota_exceeded'),
        expectedWaitMs: 20 * 3_600_000,
      },
    ],
    authFailures: [
      loadFixture('youtube', 'error_400_key_invalid'),
      loadFixture('youtube', 'error_403_permission_denied'),
    ],
    malformedRecords: brokenRecords(
      lastVideoPage(),
      'items',
      (thread) => ({ ...thread, snippet: undefined }),
      (thread) => ({ ...thread, id: 42 }),
    ),
  },
  backfill: {
    range: { from: Date.parse('2019-11-01T00:00:00Z'), to: Date.parse('2019-11-27T00:00:00Z') },
    // The second page is the (older) channel recording: it reaches before `from` and ends the walk.
    pages: [
      { title: 'video page 1, then an older page', setup: (s) => s.get(THREADS, videoPage(), channelPage()) },
    ],
    paginationLoop: {
      title: 'the same nextPageToken on every page',
      setup: (s) => s.get(THREADS, videoPage()),
    },
  },
});

describe('youtube connector specifics', () => {
  const server = ReplayServer.forTests();

  const connector = (options: Record<string, unknown>) =>
    instance(
      youtubeConnector,
      { baseUrl: server.baseUrl, initialLookback: '3650d', ...options },
      { sourceId: 'yt-main', credentials: { apiKey: 'AIza-test' }, now: NOW },
    );

  it('asks for plain-text threads newest first, per video and for the channel', async () => {
    server.route({ path: THREADS, query: { videoId: VIDEO } }, lastVideoPage());
    server.route({ path: THREADS, query: { allThreadsRelatedToChannelId: CHANNEL } }, channelPage());
    const page = await connector({ videoIds: [VIDEO], channelId: CHANNEL }).fetchPage(null);
    expect(server.requests[0]!.query).toMatchObject({
      part: 'snippet',
      textFormat: 'plainText',
      order: 'time',
      maxResults: '100',
      videoId: VIDEO,
      key: 'AIza-test',
    });
    expect(server.requests[1]!.query.allThreadsRelatedToChannelId).toBe(CHANNEL);
    expect(page.mentions).toHaveLength(7);
    expect(Object.keys(page.cursor.streams)).toEqual([`video:${VIDEO}`, `channel:${CHANNEL}`]);
    expect(page.caughtUp).toBe(true);
  });

  it('follows nextPageToken and stops at the watermark on the next poll', async () => {
    server.get(THREADS, videoPage(), lastVideoPage());
    const c = connector({ videoIds: [VIDEO] });
    const first = await c.fetchPage(null);
    expect(first.caughtUp).toBe(false);
    const second = await c.fetchPage(first.cursor);
    expect(server.requests[1]!.query.pageToken).toBe(JSON.parse(videoPage().body).nextPageToken);
    expect(second.caughtUp).toBe(true);
    expect(second.cursor.streams[`video:${VIDEO}`]!.watermark.at).toBe(Date.parse('2019-11-26T15:51:44Z'));
    const third = await c.fetchPage(second.cursor);
    expect(third.mentions).toEqual([]);
    expect(server.requests[2]!.query.pageToken).toBeUndefined();
  });

  it('skips a video with comments disabled and keeps reading the others', async () => {
    server.route({ path: THREADS, query: { videoId: 'disabled123' } }, commentsDisabled);
    server.route({ path: THREADS, query: { videoId: VIDEO } }, lastVideoPage());
    const page = await connector({ videoIds: ['disabled123', VIDEO] }).fetchPage(null);
    expect(page.mentions).toHaveLength(5);
    expect(page.caughtUp).toBe(true);
  });

  it('maps a missing channel to ConnectorConfigError', async () => {
    server.get(THREADS, {
      status: 404,
      headers: {},
      body: '{"error":{"code":404,"message":"Channel not found.","errors":[{"reason":"channelNotFound"}]}}',
    });
    await expect(connector({ channelId: CHANNEL }).fetchPage(null)).rejects.toBeInstanceOf(
      ConnectorConfigError,
    );
  });

  it('waits for the quota reset at midnight Pacific, across daylight-saving changes', () => {
    expect(msUntilPacificMidnight(Date.parse('2019-11-27T12:00:00Z'))).toBe(20 * 3_600_000);
    expect(msUntilPacificMidnight(Date.parse('2026-07-01T06:59:30Z'))).toBe(30_000); // PDT, UTC-7
    // 2026-03-08 is 23 hours long in Los Angeles; 2026-11-01 is 25 hours long.
    expect(msUntilPacificMidnight(Date.parse('2026-03-08T08:00:00Z'))).toBe(23 * 3_600_000);
    expect(msUntilPacificMidnight(Date.parse('2026-11-01T07:00:00Z'))).toBe(25 * 3_600_000);
  });

  it('quota errors are RateLimitedError even on check()', async () => {
    server.get(THREADS, loadFixture('youtube', 'error_403_quota_exceeded'));
    const error = await rejection(connector({ videoIds: [VIDEO] }).fetchPage(null));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.message).toMatch(/midnight Pacific/);
    expect(await connector({ videoIds: [VIDEO] }).check()).toMatchObject({ ok: false });
  });

  it('requires videoIds or channelId', () => {
    expect(() => youtubeConnector.optionsSchema.parse({})).toThrow(/videoIds/);
  });
});

describe('youtube parse', () => {
  it('maps a thread to a comment with a watch URL highlighting it', () => {
    const [m] = parseYoutubeBody(videoPage().body).mentions;
    expect(m).toEqual({
      source: 'youtube',
      native_id: 'UgyZ1jqkHKYvi1-ruOZ4AaABAg',
      kind: 'comment',
      url: 'https://www.youtube.com/watch?v=F1UP7wRCPH8&lc=UgyZ1jqkHKYvi1-ruOZ4AaABAg',
      author: 'himani agarwal',
      text: 'Google.com',
      published_at: Date.parse('2019-11-26T15:51:44Z'),
      engagement: { likes: 0, shares: 0, replies: 0, score: 0 },
    });
  });

  it('links channel threads without a video to the channel', () => {
    const [m] = parseYoutubeBody(channelPage().body).mentions;
    expect(m!.url).toBe(`https://www.youtube.com/channel/${CHANNEL}?lc=UgyUBI0HsgL9emxcZpR4AaABAg`);
  });

  it('throws on error envelopes', () => {
    expect(() => parseYoutubeBody(loadFixture('youtube', 'error_403_quota_exceeded').body)).toThrow(
      /commentThreads/,
    );
  });
});
