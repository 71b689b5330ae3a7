/** The request cap of a source: the config's, else the connector's default, else one a second. */
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../core/config/index.js';
import { requestsPerSecond } from '../../../worker/sources.js';

const config = parseConfigText(`
brands:
  - { key: acme, name: Acme, query: acme }
sources:
  - { id: feed, type: rss, brands: [acme], options: { url: 'https://example.com/feed.xml' } }
  - { id: feed-slow, type: rss, brands: [acme], maxRequestsPerSecond: 0.2, options: { url: 'https://example.com/feed.xml' } }
  - { id: load, type: demo, brands: [acme] }
  - { id: load-capped, type: demo, brands: [acme], maxRequestsPerSecond: 5 }
`);
const byId = (id: string) => config.sources.find((s) => s.id === id)!;

describe('requestsPerSecond', () => {
  it('is 1 for a source with a remote API and no setting', () => {
    expect(requestsPerSecond(byId('feed'))).toBe(1);
  });
  it('is 100 for the demo, which makes no API requests', () => {
    expect(requestsPerSecond(byId('load'))).toBe(100);
  });
  it('is what the config says when it says something', () => {
    expect(requestsPerSecond(byId('feed-slow'))).toBe(0.2);
    expect(requestsPerSecond(byId('load-capped'))).toBe(5);
  });
});
