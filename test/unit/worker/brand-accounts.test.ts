/**
 * `brands[].accounts` from the config reach the connectors: the worker hands a source the accounts of its
 * own type (the X connector then also searches their replies), and none of another type's.
 */
import { describe, expect, it } from 'vitest';
import { BrandSchema, SourceSchema } from '../../../core/config/index.js';
import { silentLogger } from '../../../core/logger.js';
import { createSourceConnector } from '../../../worker/sources.js';
import { ReplayServer } from '../../support/replay-server.js';
import { jsonOk } from '../connectors/support.js';

describe('brand accounts in the worker', () => {
  const server = ReplayServer.forTests();
  const brand = BrandSchema.parse({
    key: 'acme',
    name: 'Acme',
    query: 'acme',
    accounts: { x: ['acme_support'], bluesky: ['acme.bsky.social'] },
    sla: '30m',
  });

  it('parses accounts and sla, with defaults for brands that set neither', () => {
    expect(brand).toMatchObject({ accounts: { x: ['acme_support'] }, sla: '30m' });
    expect(BrandSchema.parse({ key: 'b', name: 'B', query: 'b' })).toMatchObject({ accounts: {}, sla: '1h' });
    expect(
      BrandSchema.safeParse({ key: 'b', name: 'B', query: 'b', accounts: { myspace: ['x'] } }).success,
    ).toBe(false);
  });

  it("gives the X connector the brand's X handles, which it searches for replies", async () => {
    server.get('/2/tweets/search/recent', jsonOk({ meta: { result_count: 0 } }));
    const source = SourceSchema.parse({
      id: 'x-main',
      type: 'x',
      brands: ['acme'],
      options: { baseUrl: server.baseUrl },
      credentials: { bearerToken: 'X_TOKEN' },
    });
    const { connector } = createSourceConnector(source, [brand], { X_TOKEN: 't' }, silentLogger, () =>
      Date.parse('2026-05-01T00:00:00Z'),
    );
    await connector.fetchPage(null);
    expect(server.requests.map((r) => r.query.query)).toEqual([
      'acme -is:retweet',
      '(from:acme_support) is:reply',
    ]);
  });
});
