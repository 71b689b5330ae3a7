/** A route's own credential check runs before its body is read, and its refusal is sent as the route made it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { startHttpHost, type HttpHost } from '../../../platform/http-host/index.js';

let handled = 0;
let host: HttpHost;
beforeAll(async () => {
  host = await startHttpHost({
    logger: silentLogger,
    routes: [
      {
        method: 'POST',
        path: '/private',
        auth: {
          kind: 'custom',
          describe: 'test cookie',
          authorize: (headers) =>
            headers.cookie === 'ok=1'
              ? undefined
              : { status: 401, body: '<p>log in</p>', contentType: 'text/html; charset=utf-8' },
        },
        bodyLimitBytes: 16,
        handle: () => {
          handled++;
          return { body: { ok: true } };
        },
      },
    ],
  });
});
afterAll(() => host.close());

describe('custom route auth', () => {
  it('sends the route refusal and never runs the handler or reads the body', async () => {
    const refused = await fetch(`${host.url}/private`, { method: 'POST', body: 'x'.repeat(1000) });
    expect(refused.status).toBe(401); // not 413: the body was never read
    expect(refused.headers.get('content-type')).toMatch(/text\/html/);
    expect(await refused.text()).toBe('<p>log in</p>');
    expect(handled).toBe(0);
  });

  it('lets an authorized request through', async () => {
    const ok = await fetch(`${host.url}/private`, { method: 'POST', headers: { cookie: 'ok=1' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true });
    expect(handled).toBe(1);
  });
});
