import { describe, expect, it } from 'vitest';
import { storeOptionsFromEnv } from '../../../cli/store-options.js';

describe('storeOptionsFromEnv', () => {
  it('uses the embedded store under the data dir without CLICKHOUSE_URL', () => {
    expect(storeOptionsFromEnv({}, '/data')).toEqual({
      mode: 'embedded',
      dataDir: '/data/clickhouse',
      database: undefined,
    });
  });

  it('connects to a server, and to a cluster through it with CLICKHOUSE_CLUSTER', () => {
    const env = {
      CLICKHOUSE_URL: 'http://ch:8123',
      CLICKHOUSE_USER: 'writer',
      CLICKHOUSE_PASSWORD: 'pw',
      CLICKHOUSE_DATABASE: 'earshot',
    };
    expect(storeOptionsFromEnv(env, '/data')).toEqual({
      mode: 'server',
      url: 'http://ch:8123',
      username: 'writer',
      password: 'pw',
      database: 'earshot',
      cluster: undefined,
    });
    expect(storeOptionsFromEnv({ ...env, CLICKHOUSE_CLUSTER: 'earshot' }, '/data')).toMatchObject({
      mode: 'server',
      cluster: 'earshot',
    });
  });

  it('refuses cluster mode on the embedded store, saying what to set', () => {
    expect(() => storeOptionsFromEnv({ CLICKHOUSE_CLUSTER: 'earshot' }, '/data')).toThrow(
      /CLICKHOUSE_CLUSTER=earshot needs a ClickHouse server: set CLICKHOUSE_URL/,
    );
  });
});
