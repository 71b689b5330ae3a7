import { describe, expect, it } from 'vitest';
import {
  ConnectorAuthError,
  ConnectorConfigError,
  RateLimitedError,
  TransientSourceError,
} from '../../../core/errors.js';
import {
  epochResetWaitMs,
  httpRequest,
  isoResetWaitMs,
  parseLinkHeader,
  redditResetWaitMs,
  retryAfterHeaderMs,
  USER_AGENT,
} from '../../../connectors/http.js';
import { htmlErrorPage, loadFixture, ReplayServer, tooManyRequests } from '../../support/replay-server.js';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const server = ReplayServer.forTests();

const get = (path: string, extra: Partial<Parameters<typeof httpRequest>[0]> = {}) =>
  httpRequest({
    sourceId: 'src-1',
    service: 'Test',
    url: `${server.baseUrl}${path}`,
    expect: 'json',
    ...extra,
  });

describe('httpRequest', () => {
  it('sends the Earshot User-Agent and parses JSON', async () => {
    server.get('/ok', { status: 200, headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    const res = await get('/ok', { params: { q: 'acme', skip: undefined } });
    expect(res.body).toEqual({ a: 1 });
    expect(server.requests[0]?.headers['user-agent']).toBe(USER_AGENT);
    expect(server.requests[0]?.query).toEqual({ q: 'acme' });
  });

  it('maps 401 to ConnectorAuthError naming the source and the fix', async () => {
    server.get('/me', loadFixture('reddit', 'error_401_invalid_token'));
    const error = await get('/me', { authHint: 'REDDIT_CLIENT_SECRET' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorAuthError);
    expect((error as Error).message).toMatch(
      /credentials rejected for src-1: .*set\/fix REDDIT_CLIENT_SECRET/,
    );
  });

  it('maps a plain 403 to ConnectorAuthError and a rate-related 403 to RateLimitedError', async () => {
    server.get('/q', loadFixture('reddit', 'error_403_quarantined_subreddit'));
    await expect(get('/q')).rejects.toBeInstanceOf(ConnectorAuthError);
    server.get('/abuse', {
      status: 403,
      headers: { 'retry-after': '60' },
      body: '{"message":"You have exceeded a secondary rate limit"}',
    });
    const error = await get('/abuse').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(60_000);
  });

  it('maps 429 using Retry-After, then the source parser, then a default', async () => {
    server.get('/a', tooManyRequests(3));
    expect(((await get('/a').catch((e: unknown) => e)) as RateLimitedError).retryAfterMs).toBe(3000);
    server.get('/b', tooManyRequests(undefined, { 'x-ratelimit-reset': '15.0' }));
    const b = (await get('/b', { rateLimitWait: redditResetWaitMs }).catch(
      (e: unknown) => e,
    )) as RateLimitedError;
    expect(b.retryAfterMs).toBe(15_000);
    server.get('/c', tooManyRequests());
    expect(((await get('/c').catch((e: unknown) => e)) as RateLimitedError).retryAfterMs).toBe(60_000);
  });

  it('maps 5xx, HTML pages and truncated JSON to TransientSourceError', async () => {
    server.get('/5xx', { status: 503, headers: {}, body: 'busy' });
    await expect(get('/5xx')).rejects.toBeInstanceOf(TransientSourceError);
    server.get('/html', htmlErrorPage());
    await expect(get('/html')).rejects.toThrow(
      /Test returned an HTML page instead of JSON \("<!DOCTYPE html>/,
    );
    server.get('/cut', { status: 200, headers: {}, body: '{"hits":[{"a"' });
    await expect(get('/cut')).rejects.toThrow(/not valid JSON/);
  });

  it('maps 404 to ConnectorConfigError and connection refused / timeouts to TransientSourceError', async () => {
    await expect(get('/nothing-here')).rejects.toBeInstanceOf(ConnectorConfigError);
    await expect(
      httpRequest({ sourceId: 's', url: 'http://127.0.0.1:1/x', expect: 'json' }),
    ).rejects.toBeInstanceOf(TransientSourceError);
  });

  it('passes through statuses the caller handles (304)', async () => {
    server.get('/feed', { status: 304, headers: { etag: '"x"' }, body: '' });
    const res = await get('/feed', { expect: 'xml', passStatuses: [304] });
    expect(res.status).toBe(304);
    expect(res.headers.etag).toBe('"x"');
  });
});

describe('rate-limit header parsers', () => {
  it('reads Retry-After seconds and HTTP dates', () => {
    expect(retryAfterHeaderMs({ 'retry-after': '120' }, NOW)).toBe(120_000);
    expect(retryAfterHeaderMs({ 'retry-after': new Date(NOW + 30_000).toUTCString() }, NOW)).toBe(30_000);
    expect(retryAfterHeaderMs({}, NOW)).toBeUndefined();
  });
  it('reads epoch (GitHub/Bluesky) and ISO (Mastodon) resets', () => {
    expect(epochResetWaitMs({ 'x-ratelimit-reset': String(NOW / 1000 + 42) }, NOW)).toBe(42_000);
    expect(epochResetWaitMs({ 'ratelimit-reset': String(NOW / 1000 + 5) }, NOW)).toBe(5000);
    expect(isoResetWaitMs({ 'x-ratelimit-reset': new Date(NOW + 90_000).toISOString() }, NOW)).toBe(90_000);
    const masto = loadFixture('mastodon', 'timeline_tag_page1').headers;
    expect(isoResetWaitMs(masto, Date.parse('2026-08-01T13:54:00Z'))).toBeGreaterThan(60_000);
  });
});

describe('parseLinkHeader', () => {
  it('parses the recorded Mastodon Link header', () => {
    const links = parseLinkHeader(loadFixture('mastodon', 'timeline_tag_page1').headers.link);
    expect(links.next).toMatch(/max_id=117020581339834938$/);
    expect(links.prev).toMatch(/min_id=117020581413876942$/);
    expect(parseLinkHeader(undefined)).toEqual({});
  });

  it('is rewritten to the replay server by ReplayServer', async () => {
    server.get(/\/api\/v1\/timelines\/tag\//, loadFixture('mastodon', 'timeline_tag_page1'));
    const res = await get('/api/v1/timelines/tag/x');
    expect(parseLinkHeader(res.headers.link).next?.startsWith(server.baseUrl)).toBe(true);
  });
});
