/** The HTTP host over real loopback sockets: auth, limits, JSON errors, binding and close. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../../core/logger.js';
import {
  errorReply,
  newBearerToken,
  startHttpHost,
  type HostRequest,
  type HostRoute,
  type HttpHost,
} from '../../../platform/http-host/index.js';

/** A logger that keeps what was logged at error level. */
function recordingLogger(errors: Array<{ obj: object; msg?: string }>): Logger {
  const logger: Logger = {
    debug() {},
    info() {},
    warn() {},
    error: (obj, msg) => void errors.push({ obj, msg }),
    child: () => logger,
  };
  return logger;
}

const token = newBearerToken();
const auth = { authorization: `Bearer ${token}` };
const errors: Array<{ obj: object; msg?: string }> = [];
const seen: HostRequest[] = [];
const routes: HostRoute[] = [
  {
    method: 'POST',
    path: '/echo',
    auth: { kind: 'bearer', token, hint: 'see the token file' },
    bodyLimitBytes: 64,
    handle: (request) => {
      seen.push(request);
      return { body: { got: request.body } };
    },
  },
  {
    method: 'POST',
    path: '/hooks/:source',
    auth: { kind: 'public' },
    body: 'raw',
    handle: ({ params, rawBody, body }) => ({ status: 202, body: { params, raw: rawBody.toString(), body } }),
  },
  {
    method: 'GET',
    path: '/page',
    auth: { kind: 'public' },
    handle: ({ query }) => ({ body: `<p>${String(query.q)}</p>`, contentType: 'text/html; charset=utf-8' }),
  },
  {
    method: 'GET',
    path: '/refused',
    auth: { kind: 'public' },
    handle: () => errorReply(409, 'already running', 'BUSY'),
  },
  {
    method: 'GET',
    path: '/boom',
    auth: { kind: 'public' },
    handle: () => {
      throw new Error('connection string postgres://admin:hunter2@db');
    },
  },
];

let host: HttpHost;
beforeAll(async () => {
  host = await startHttpHost({ logger: recordingLogger(errors), routes });
});
afterAll(() => host.close());

const post = (path: string, body: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${host.url}${path}`, { method: 'POST', body, headers });

describe('HTTP host', () => {
  it('binds to 127.0.0.1 on a free port by default', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.port).toBeGreaterThan(0);
    expect((await post('/echo', '{}', auth)).status).toBe(200);
    if (process.platform === 'linux') {
      // All of 127/8 is loopback on Linux: a server bound to 127.0.0.1 alone refuses 127.0.0.2.
      const other = fetch(`http://127.0.0.2:${host.port}/page`);
      await expect(other).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    }
  });

  it('passes parsed JSON, params, query and raw bytes to the route', async () => {
    const ok = await post('/echo', '{"a":[1,"x"]}', auth);
    expect(await ok.json()).toEqual({ got: { a: [1, 'x'] } });
    expect(seen.at(-1)?.rawBody.toString()).toBe('{"a":[1,"x"]}');
    const hook = await post('/hooks/github', 'not json', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(hook.status).toBe(202);
    expect(await hook.json()).toEqual({ params: { source: 'github' }, raw: 'not json' });
    const page = await fetch(`${host.url}/page?q=hi`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe('<p>hi</p>');
  });

  it('refuses a missing or wrong bearer token with 401 JSON, before the route runs', async () => {
    const before = seen.length;
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: `Bearer ${'0'.repeat(64)}` },
      { authorization: token },
      { authorization: `Basic ${token}` },
    ];
    for (const headers of attempts) {
      const res = await post('/echo', '{}', headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(await res.json()).toEqual({
        error: { message: 'Missing or wrong bearer token (see the token file)' },
      });
    }
    expect(seen.length).toBe(before);
  });

  it('refuses a body over the limit with 413 JSON', async () => {
    const res = await post('/echo', JSON.stringify({ pad: 'x'.repeat(100) }), auth);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { message: 'Body larger than 64 bytes' } });
    const big = await post('/hooks/x', 'x'.repeat(2 * 1024 * 1024)); // over the 1 MiB host default
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: { message: `Body larger than ${1024 * 1024} bytes` } });
  });

  it('answers an unknown path with 404 JSON and a known path with another method with 405', async () => {
    const missing = await fetch(`${host.url}/nowhere?x=1`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { message: 'Not found: GET /nowhere' } });
    const wrong = await fetch(`${host.url}/echo`, { headers: auth });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(await wrong.json()).toEqual({
      error: { message: 'Method GET not allowed on /echo: use POST' },
    });
    expect((await post('/page', '')).headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers a body that is not JSON with 400 JSON', async () => {
    const res = await post('/echo', '{', auth);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ error: { message: 'Body must be JSON' } });
  });

  it("sends a route's error reply as it is, and a thrown error as 500 without its message", async () => {
    const refused = await fetch(`${host.url}/refused`);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: { message: 'already running', code: 'BUSY' } });
    const boom = await fetch(`${host.url}/boom`);
    expect(boom.status).toBe(500);
    const text = await boom.text();
    expect(JSON.parse(text)).toEqual({ error: { message: 'Internal error' } });
    expect(text).not.toMatch(/hunter2/);
    expect(errors.at(-1)).toMatchObject({ obj: { err: expect.any(Error) }, msg: 'http route failed' });
  });

  it('closes gracefully: a request in flight is answered, then nothing is accepted', async () => {
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slow = await startHttpHost({
      logger: recordingLogger([]),
      routes: [
        {
          method: 'GET',
          path: '/slow',
          auth: { kind: 'public' },
          handle: async () => {
            entered();
            await released;
            return { body: { done: true } };
          },
        },
      ],
    });
    const response = fetch(`${slow.url}/slow`);
    await inHandler;
    const closed = slow.close();
    release();
    expect(await (await response).json()).toEqual({ done: true });
    await closed;
    expect(slow.close()).toBe(closed);
    await expect(fetch(`${slow.url}/slow`)).rejects.toThrow();
  });
});
