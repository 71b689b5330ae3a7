/** The request cap of a source (the config's, else the connector's default, else one a second) and its pacer. */
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../core/config/index.js';
import { createPacer, requestsPerSecond } from '../../../worker/sources.js';

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

describe('createPacer', () => {
  it('lets the first request through at once and spaces the next ones 1 / perSecond apart', async () => {
    let clock = 1_000;
    const waits: number[] = [];
    const pace = createPacer(
      4,
      () => clock,
      async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    );
    await pace();
    await pace();
    await pace();
    expect(waits).toEqual([250, 250]);
    clock += 1_000; // idle for a while: the next one goes at once again
    await pace();
    expect(waits).toEqual([250, 250]);
  });

  it('keeps the rate for concurrent callers (a batch and the read-ahead of the same source)', async () => {
    const waits: number[] = [];
    // The clock stands still while all three ask at once: each waits one gap more than the one before.
    const pace = createPacer(
      2,
      () => 0,
      async (ms) => {
        waits.push(ms);
      },
    );
    await Promise.all([pace(), pace(), pace()]);
    expect(waits).toEqual([500, 1000]);
  });
});
