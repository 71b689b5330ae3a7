/**
 * The x and stackexchange sources as a user drives them: `earshot connectors parse` on real recorded
 * responses and `earshot connectors check` against a local server replaying them. The X recording
 * `search_recent_nyc_with_tweet_fields` (another client's capture, with tweet fields) is held out of the
 * connector's unit tests: it is only read here, so the parser is shown on a real response it was not
 * written against. The expected values below are read straight from the raw file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FetchedMention } from '../../core/mention.js';
import { connectorFixtures } from '../support/shared.js';
import { loadFixture, ReplayServer } from '../support/replay-server.js';
import { mentionProblems } from '../unit/connectors/mention-checks.js';
import { runEarshot } from './support.js';

const HELD_OUT_X = join(connectorFixtures('x-twitter'), 'search_recent_nyc_with_tweet_fields.json');
const SE_PAGE = join(connectorFixtures('stackexchange'), 'search_advanced_pagesize100.json');

const parsedLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as FetchedMention);

describe('earshot connectors parse (x, stackexchange)', () => {
  it('normalizes the held-out X recent-search response', async () => {
    const raw = JSON.parse(readFileSync(HELD_OUT_X, 'utf8')) as {
      data: Array<{
        id: string;
        created_at: string;
        lang: string;
        text: string;
        referenced_tweets?: Array<{ type: string; id: string }>;
      }>;
    };
    const { code, stdout, stderr } = await runEarshot(['connectors', 'parse', 'x', HELD_OUT_X]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/skipped_invalid 0/);
    const mentions = parsedLines(stdout);
    expect(mentions.flatMap((m) => mentionProblems(m))).toEqual([]);
    expect(mentions.map((m) => m.native_id)).toEqual(raw.data.map((t) => t.id));
    expect(mentions.map((m) => m.published_at)).toEqual(raw.data.map((t) => Date.parse(t.created_at)));
    // The one reply in the file: kind, parent id.
    const reply = raw.data.find((t) => t.referenced_tweets?.some((r) => r.type === 'replied_to'))!;
    const parent = reply.referenced_tweets!.find((r) => r.type === 'replied_to')!.id;
    expect(mentions.filter((m) => m.kind === 'comment')).toEqual([
      expect.objectContaining({ native_id: reply.id, in_reply_to: parent }),
    ]);
    // X escapes & as &amp; in post text; the stored text has it decoded.
    const escaped = raw.data.find((t) => t.text.includes('&amp;'))!;
    expect(mentions.find((m) => m.native_id === escaped.id)!.text).toBe(
      escaped.text.replaceAll('&amp;', '&'),
    );
    expect(new Set(mentions.map((m) => m.lang_hint))).toEqual(new Set(raw.data.map((t) => t.lang)));
  });

  it('normalizes the recorded Stack Exchange search page, entities in titles decoded', async () => {
    const raw = JSON.parse(readFileSync(SE_PAGE, 'utf8')) as {
      items: Array<{ question_id: number; title: string }>;
    };
    const { code, stdout, stderr } = await runEarshot(['connectors', 'parse', 'stackexchange', SE_PAGE]);
    expect(code, stderr).toBe(0);
    const mentions = parsedLines(stdout);
    expect(mentions).toHaveLength(raw.items.length);
    expect(mentions.flatMap((m) => mentionProblems(m))).toEqual([]);
    const encoded = raw.items.filter((i) => /&#39;|&quot;|&amp;/.test(i.title));
    expect(encoded.length).toBeGreaterThan(0);
    for (const item of encoded) {
      const m = mentions.find((x) => x.native_id === `stackoverflow.com/q/${item.question_id}`)!;
      expect(m.title).toBe(
        item.title.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&'),
      );
    }
  });

  it('refuses an error body with a clear message', async () => {
    const file = join(connectorFixtures('stackexchange'), 'error_throttle_violation_ip.json');
    const result = await runEarshot(['connectors', 'parse', 'stackexchange', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/as a stackexchange response/);
  });
});

describe('earshot connectors check (x, stackexchange)', () => {
  const server = ReplayServer.forTests();

  it('checks both sources against the replayed APIs, showing the Stack Exchange quota', async () => {
    server.get(
      '/2/tweets/search/recent',
      loadFixture('x-twitter', 'search_recent_query_tweepy_default_fields'),
    );
    server.get('/2.3/search/advanced', loadFixture('stackexchange', 'search_advanced_pagesize100'));
    const dir = mkdtempSync(join(tmpdir(), 'earshot-care-'));
    const config = join(dir, 'earshot.config.yaml');
    writeFileSync(
      config,
      [
        'brands:',
        '  - key: acme',
        '    name: Acme',
        '    query: acme',
        'sources:',
        '  - id: x-main',
        '    type: x',
        '    brands: [acme]',
        `    options: { baseUrl: "${server.baseUrl}" }`,
        '    credentials: { bearerToken: TEST_X_BEARER }',
        '  - id: so',
        '    type: stackexchange',
        '    brands: [acme]',
        `    options: { baseUrl: "${server.baseUrl}/2.3", sites: [stackoverflow] }`,
        '',
      ].join('\n'),
    );
    const result = await runEarshot(['connectors', 'check', '--config', config], {
      env: { TEST_X_BEARER: 'AAAA-e2e' },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/x-main\s+x\s+ok/);
    expect(result.stdout).toMatch(/so\s+stackexchange\s+ok.*quota 161\/300 left today/);
    expect(server.requests.find((r) => r.path.startsWith('/2/'))!.headers.authorization).toBe(
      'Bearer AAAA-e2e',
    );
  });
});
