import { describe, expect, it } from 'vitest';
import { rssConnector, type RssCursor } from '../../../connectors/rss/index.js';
import { parseFeed, unwrapGoogleRedirect } from '../../../connectors/rss/parse.js';
import { loadFixture, ReplayServer } from '../../support/replay-server.js';
import { runConformanceSuite, SUITE_NOW } from './conformance.js';
import { instance } from './support.js';

const alerts = loadFixture('rss', 'google_alerts_atom_slack');
const news = loadFixture('rss', 'google_news_rss_fr_be_1item');
const techcrunch = loadFixture('rss', 'techcrunch_rss2_feedburner_trimmed');
const FEED = '/feed.xml';

runConformanceSuite<unknown, RssCursor>({
  definition: rssConnector as never,
  fixtureSource: 'rss',
  options: (baseUrl) => ({ url: `${baseUrl}${FEED}` }),
  cursorPosition: (c) => c.newestPublishedAt,
  pages: [alerts, news, techcrunch].map((fx) => ({
    title: fx.fixture,
    setup: (s) => s.get(FEED, fx),
  })),
  network: {
    pagePath: FEED,
    samplePage: alerts,
    parseBodies: [alerts, news, techcrunch],
    paginationLoop: { notApplicable: 'a feed is one document; there is no pagination token' },
    malformedRecords: {
      // Break the first entry's link (no usable URL) and empty the second entry's title and content.
      response: {
        ...alerts,
        body: alerts.body
          .replace('<link href="https://www.google.com/url', '<link href="notaurl')
          .replace(
            /(<entry>(?:(?!<\/entry>)[\s\S])*?<\/entry>\s*<entry>[\s\S]*?)<title type="html">[^<]*<\/title>([\s\S]*?)<content type="html">[^<]*<\/content>/,
            '$1<title type="html"></title>$2<content type="html"></content>',
          ),
      },
      skipped: 2,
    },
  },
});

describe('rss specifics', () => {
  const server = ReplayServer.forTests();
  const create = (sourceId: string, options: Record<string, unknown> = {}) =>
    instance(rssConnector, { url: `${server.baseUrl}${FEED}`, ...options }, { sourceId, now: SUITE_NOW });

  it('decodes Google Alerts redirects and strips <b> highlights', () => {
    const { mentions } = parseFeed(alerts.body);
    const first = mentions[0];
    expect(first?.url).toMatch(/^https:\/\/www\.aglobalmarketresearch\.com\/report-offers/);
    expect(first?.title).toBe(
      'Report offers Prediction of Automotive Slack Market by Top key players like Haldex, Meritor, Bendix ...',
    );
    expect(first?.text).toContain('strategists, marketers and senior ...');
    expect(first?.native_id).toBe('tag:google.com,2013:googlealerts/feed:8974135267215335962');
    expect(first?.published_at).toBe(Date.parse('2019-07-10T11:53:37Z'));
    expect(unwrapGoogleRedirect('https://example.com/a?url=x')).toBe('https://example.com/a?url=x');
  });

  it('uses the Google News <source> publisher as author and the channel language', () => {
    const [item] = parseFeed(news.body).mentions;
    expect(item?.author).toBe('RTBF');
    expect(item?.lang_hint).toBe('fr');
    expect(item?.native_id).toBe('52782335008021');
    expect(item?.published_at).toBe(Date.parse('Sun, 08 Mar 2020 10:32:07 GMT'));
  });

  it('reads FeedBurner RSS with a blank line before <?xml, dc:creator and content:encoded', () => {
    const { mentions, skippedInvalid } = parseFeed(techcrunch.body);
    expect(mentions).toHaveLength(18);
    expect(skippedInvalid).toBe(0);
    expect(mentions.every((m) => m.author.length > 0)).toBe(true);
    expect(mentions[0]?.text.length).toBeGreaterThan(200);
  });

  it('sends the ETag back and treats 304 as nothing new', async () => {
    server.get(
      FEED,
      { ...news, headers: { ...news.headers, etag: '"v1"' } },
      { status: 304, headers: {}, body: '' },
    );
    const connector = create('rss-etag');
    const first = await connector.fetchPage(null);
    expect(first.cursor.etag).toBe('"v1"');
    const second = await connector.fetchPage(first.cursor);
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
    expect(second).toMatchObject({ mentions: [], caughtUp: true, cursor: first.cursor });
  });

  it('caps items per poll with maxItems, newest first', async () => {
    server.get(FEED, techcrunch);
    const connector = create('rss-cap', { maxItems: 5 });
    const page = await connector.fetchPage(null);
    expect(page.mentions).toHaveLength(5);
    expect(page.cursor.seenIds).toHaveLength(5);
  });
});
