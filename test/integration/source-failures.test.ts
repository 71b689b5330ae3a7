/**
 * Configured sources served by a local HTTP server replaying recorded responses, each polled by its real
 * schedule and ingest workflow: a feed that first answers 429 with Retry-After (the poll waits, then
 * succeeds), a Reddit source whose API answers 401 (that source stops with a visible error), a Mastodon
 * hashtag timeline that keeps running beside them, and sources broken in the ways users break them
 * (missing credential variable, invalid options, unreachable feed, HTML instead of a feed, a truncated
 * feed). Each fails on its own with a message naming the cause; `earshot status` shows it all.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceStatus } from '../../storage/runs.js';
import { runEarshot } from '../e2e/support.js';
import { freePort } from '../../cli/dev-server/temporal-dev-server.js';
import {
  htmlErrorPage,
  loadFixture,
  ReplayServer,
  tooManyRequests,
  truncated,
  type ReplayResponse,
} from '../support/replay-server.js';
import { configFromYaml, startHarness, waitFor, type Harness } from './support/harness.js';

const TAG = 'fgiztsshwiaqqiztpmmjbtvmescsculuvmgjgopwoeidbcrixp';
const TAG_PATH = `/api/v1/timelines/tag/${TAG}`;
const page = (n: number): ReplayResponse => loadFixture('mastodon', `timeline_tag_page${n}`);
const maxIdOf = (r: ReplayResponse): string =>
  /max_id=(\d+)>; rel="next"/.exec(r.headers.link ?? '')?.[1] ?? '';

interface RunRow {
  source_id: string;
  status: string;
  new: number;
  duration_ms: number;
  error_type: string;
  error_message: string;
}

describe('sources failing and recovering under real schedules', () => {
  let replay: ReplayServer;
  let h: Harness;
  let configYaml: string;
  const runsOf = async (sourceId: string): Promise<RunRow[]> =>
    h.rows<RunRow>(
      'SELECT source_id, status, new, duration_ms, error_type, error_message FROM earshot.ingest_runs FINAL WHERE source_id = {id:String} ORDER BY started_at',
      { id: sourceId },
    );

  beforeAll(async () => {
    replay = await ReplayServer.start();
    replay.get('/feed', tooManyRequests(2), loadFixture('rss', 'google_alerts_atom_slack'));
    replay.post('/api/v1/access_token', {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ access_token: 't0k3n', token_type: 'bearer', expires_in: 86400, scope: '*' }),
    });
    replay.get('/search', loadFixture('reddit', 'error_401_invalid_token'));
    replay.get(TAG_PATH, page(1));
    for (const n of [2, 3, 4])
      replay.route({ path: TAG_PATH, query: { max_id: maxIdOf(page(n - 1)) } }, page(n));
    replay.get('/html-feed', htmlErrorPage());
    replay.get('/truncated-feed', truncated(loadFixture('rss', 'google_alerts_atom_slack')));
    const closedPort = await freePort();

    configYaml = `
brands:
  - { key: slack, name: Slack, query: slack }
  - { key: acme, name: Acme, query: acme }
  - { key: toots, name: Toots, query: toot }
sources:
  - id: alerts
    type: rss
    interval: 1h
    brands: [slack]
    options: { url: '${replay.baseUrl}/feed' }
  - id: reddit-main
    type: reddit
    interval: 1h
    brands: [acme]
    options: { baseUrl: '${replay.baseUrl}', tokenUrl: '${replay.baseUrl}/api/v1/access_token' }
    credentials: { clientId: TEST_REDDIT_ID, clientSecret: TEST_REDDIT_SECRET }
  - id: toots
    type: mastodon
    interval: 1h
    brands: [toots]
    options: { instanceUrl: 'https://mastodon.example', baseUrl: '${replay.baseUrl}', hashtags: ['${TAG}'], pageSize: 10, initialLookback: 3650d }
  - id: bsky-no-env
    type: bluesky
    interval: 1h
    brands: [acme]
    credentials: { identifier: EARSHOT_TEST_UNSET_ID, appPassword: EARSHOT_TEST_UNSET_PASSWORD }
  - id: rss-no-url
    type: rss
    interval: 1h
    brands: [slack]
  - id: dead-feed
    type: rss
    interval: 1h
    brands: [slack]
    options: { url: 'http://127.0.0.1:${closedPort}/feed' }
  - id: html-feed
    type: rss
    interval: 1h
    brands: [slack]
    options: { url: '${replay.baseUrl}/html-feed' }
  - id: truncated-feed
    type: rss
    interval: 1h
    brands: [slack]
    options: { url: '${replay.baseUrl}/truncated-feed' }
`;
    h = await startHarness(
      import.meta.url,
      configFromYaml(configYaml),
      { TEST_REDDIT_ID: 'id-123', TEST_REDDIT_SECRET: 'shh' },
      undefined,
      // The production backoff (2 + 4 + 8 + 16 s) only makes the transient failures slow to observe.
      { ingestRetry: { initialInterval: '100ms', maximumInterval: '200ms' } },
    );
  });

  afterAll(async () => {
    await h?.stop();
    await replay?.close();
  });

  it('waits out a 429 with Retry-After, then stores the page', async () => {
    const [run] = await waitFor('the rate-limited poll to finish', async () => {
      const rows = await runsOf('alerts');
      return rows.length > 0 && rows;
    });
    expect(run).toMatchObject({ status: 'ok', error_message: '' });
    expect(run!.new).toBeGreaterThan(0);
    expect(run!.duration_ms).toBeGreaterThanOrEqual(1_900);
    expect(replay.requestsTo('/feed')).toHaveLength(2);
  });

  it('stops a source whose credentials are rejected, with the reason, without retrying', async () => {
    const [run] = await waitFor('the reddit poll to fail', async () => {
      const rows = await runsOf('reddit-main');
      return rows.length > 0 && rows;
    });
    expect(run).toMatchObject({ status: 'failed', error_type: 'ConnectorAuthError' });
    expect(run!.error_message).toMatch(/credentials rejected for reddit-main/);
    expect(replay.requestsTo('/search')).toHaveLength(1);
  });

  it('keeps the other sources running', async () => {
    const [run] = await waitFor('the mastodon poll', async () => {
      const rows = await runsOf('toots');
      return rows.length > 0 && rows;
    });
    expect(run).toMatchObject({ status: 'ok' });
    expect(run!.new).toBe(30);
  });

  it.each([
    [
      'bsky-no-env',
      'ConnectorConfigError',
      /missing credentials: environment variable EARSHOT_TEST_UNSET_ID \(identifier\) is not set/,
    ],
    [
      'rss-no-url',
      'ConnectorConfigError',
      /Invalid options for source "rss-no-url" \(rss\): options\.url: .*docs\/connectors\/rss\.md/,
    ],
    ['dead-feed', 'TransientSourceError', /dead-feed|ECONNREFUSED|connect/i],
    ['html-feed', 'TransientSourceError', /HTML/],
    ['truncated-feed', 'TransientSourceError', /feed is not well-formed XML \(.+\); it may be truncated$/],
  ])('fails %s on its own with a %s that names the cause', async (sourceId, errorType, message) => {
    const [run] = await waitFor(
      `the ${sourceId} poll to fail`,
      async () => {
        const rows = await runsOf(sourceId);
        return rows.length > 0 && rows;
      },
      120_000,
    );
    expect(run).toMatchObject({ status: 'failed', error_type: errorType });
    expect(run!.error_message).toMatch(message);
    const [cursor] = await h.rows<{ n: number }>(
      'SELECT count() AS n FROM earshot.connector_cursors FINAL WHERE source_id = {id:String}',
      { id: sourceId },
    );
    expect(Number(cursor!.n)).toBe(0); // the cursor never moved
  });

  it('shows every source with its outcome in `earshot status`', async () => {
    const statuses = await sourceStatus(h.store);
    expect(Object.fromEntries(statuses.map((s) => [s.sourceId, s.lastStatus]))).toEqual({
      alerts: 'ok',
      'bsky-no-env': 'failed',
      'dead-feed': 'failed',
      'html-feed': 'failed',
      'reddit-main': 'failed',
      'rss-no-url': 'failed',
      toots: 'ok',
      'truncated-feed': 'failed',
    });
    const configFile = join(h.dataDir, 'earshot.config.yaml');
    writeFileSync(configFile, configYaml);
    const result = await runEarshot(['status', '--config', configFile, '--data-dir', h.dataDir]);
    expect(result.code).toBe(1); // a failed source makes status exit non-zero, for scripts and probes
    expect(result.stdout).toMatch(
      /reddit-main .*FAILED \(ConnectorAuthError\).*credentials rejected for reddit-main/,
    );
    expect(result.stdout).toMatch(/alerts .* ok /);
    expect(result.stdout).toMatch(/toots .* ok /);
  });
});
