/**
 * A local HTTP server (127.0.0.1, random port) that replays the recorded API responses in
 * `fixtures/connectors/<source>/` (status, headers and body from `<name>.meta.json` + `<name>.json|xml|txt`),
 * or any scripted response. Connectors point at it through their `baseUrl` option.
 *
 * @example
 * const server = await ReplayServer.start();
 * server.get('/r/acme/new', loadFixture('reddit', 'r_askreddit_new_limit100'));
 * server.get('/search', tooManyRequests(1), loadFixture('reddit', 'search_r_all_praw_oauth_search'));
 * // … run the connector with { baseUrl: server.baseUrl } …
 * expect(server.requests[0]?.headers.authorization).toBe('bearer t0k3n');
 * await server.close();
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { connectorFixtures } from './shared.js';

/** A response the server can send. `status: null` in a recording (never recorded) is served as 200. */
export interface ReplayResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Fixture name when loaded from a recording (for messages and coverage). */
  fixture?: string;
}

/** A recorded fixture: the response plus the request that produced it. */
export interface Fixture extends ReplayResponse {
  fixture: string;
  request: { method: string; url: string };
}

/** A request the server received. Header names are lower-case. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Route matcher: exact path or a RegExp on the path; `query` entries must all match when given. */
export interface RouteMatch {
  method?: string;
  path: string | RegExp;
  query?: Record<string, string>;
}

interface Route {
  match: RouteMatch;
  responses: ReplayResponse[];
  hits: number;
}

const DROPPED_HEADERS = new Set(['content-length', 'transfer-encoding', 'content-encoding', 'connection']);
const BODY_EXTENSIONS = ['json', 'xml', 'txt'];

/** Names (without extension) of every recorded response in `fixtures/connectors/<source>/`. */
export function listFixtures(source: string): string[] {
  return readdirSync(connectorFixtures(source))
    .filter((f) => f.endsWith('.meta.json'))
    .map((f) => f.slice(0, -'.meta.json'.length))
    .sort();
}

/** Fixture names loaded so far in this process, per source folder (used to prove every file is exercised). */
export const loadedFixtures = new Map<string, Set<string>>();

/** Loads a recorded response (body + status + headers) from the shared fixture folder. */
export function loadFixture(source: string, name: string): Fixture {
  const dir = connectorFixtures(source);
  const meta = JSON.parse(readFileSync(join(dir, `${name}.meta.json`), 'utf8')) as {
    status: number | null;
    response_headers?: Record<string, string>;
    request: { method: string; url: string };
    file?: string;
  };
  const file =
    meta.file && existsSync(join(dir, meta.file))
      ? meta.file
      : BODY_EXTENSIONS.map((ext) => `${name}.${ext}`).find((f) => existsSync(join(dir, f)));
  if (!file) throw new Error(`No body file for fixture ${source}/${name} (looked for .json, .xml, .txt)`);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta.response_headers ?? {})) {
    if (!DROPPED_HEADERS.has(k.toLowerCase())) headers[k.toLowerCase()] = v;
  }
  if (!headers['content-type']) headers['content-type'] = contentTypeFor(file);
  const set = loadedFixtures.get(source) ?? new Set<string>();
  set.add(name);
  loadedFixtures.set(source, set);
  return {
    fixture: name,
    status: meta.status ?? 200,
    headers,
    body: readFileSync(join(dir, file), 'utf8'),
    request: meta.request,
  };
}

/** A copy of `response` with its JSON body transformed (e.g. to break one record). */
export function mutateJson(response: ReplayResponse, mutate: (body: unknown) => unknown): ReplayResponse {
  const parsed: unknown = JSON.parse(response.body);
  const result = mutate(parsed);
  return { ...response, body: JSON.stringify(result === undefined ? parsed : result) };
}

/** A scripted 429 with `Retry-After: <seconds>` and an empty body (as Reddit sends). */
export function tooManyRequests(
  retryAfterSeconds?: number,
  headers: Record<string, string> = {},
): ReplayResponse {
  return {
    status: 429,
    headers: {
      'content-type': 'text/plain',
      ...(retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) }),
      ...headers,
    },
    body: '',
  };
}

/** A 200 HTML page, as served by captive portals, CDNs and status pages. */
export function htmlErrorPage(status = 200): ReplayResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head><body><h1>We are down for maintenance</h1></body></html>',
  };
}

/** The first half of a body, as a dropped connection would leave it. */
export function truncated(response: ReplayResponse): ReplayResponse {
  return { ...response, status: 200, body: response.body.slice(0, Math.floor(response.body.length / 2)) };
}

/** Local replay server; see the module comment. */
export class ReplayServer {
  /** Every request received, in order. */
  readonly requests: ReceivedRequest[] = [];
  private routes: Route[] = [];

  private readonly server: Server;
  private url: string | undefined;

  private constructor() {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
  }

  /** `http://127.0.0.1:<port>`, without a trailing slash; available once the server listens. */
  get baseUrl(): string {
    if (!this.url) throw new Error('the replay server is not listening yet (use it inside a test or hook)');
    return this.url;
  }

  /** Starts a server on 127.0.0.1 with a random free port. */
  static async start(): Promise<ReplayServer> {
    const replay = new ReplayServer();
    await replay.listen();
    return replay;
  }

  /** A server that listens before the tests of the current file or `describe` and closes after them. */
  static forTests(): ReplayServer {
    const replay = new ReplayServer();
    beforeAll(() => replay.listen());
    afterAll(() => replay.close());
    beforeEach(() => replay.reset());
    return replay;
  }

  private async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /**
   * Serves `responses` in order for requests matching `match`; the last one repeats. A route added later
   * wins over an earlier one with the same specificity; routes with more `query` keys win first.
   */
  route(match: RouteMatch, ...responses: ReplayResponse[]): this {
    if (responses.length === 0) throw new Error('route() needs at least one response');
    this.routes.push({ match, responses, hits: 0 });
    return this;
  }

  /** `route({ method: 'GET', path, query }, …responses)`. */
  get(path: string | RegExp, ...responses: ReplayResponse[]): this {
    return this.route({ method: 'GET', path }, ...responses);
  }

  /** `route({ method: 'POST', path }, …responses)`. */
  post(path: string | RegExp, ...responses: ReplayResponse[]): this {
    return this.route({ method: 'POST', path }, ...responses);
  }

  /** Forgets routes and received requests (between tests). */
  reset(): void {
    this.routes = [];
    this.requests.length = 0;
  }

  /** Requests whose path matches. */
  requestsTo(path: string | RegExp): ReceivedRequest[] {
    return this.requests.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  /** Stops the server. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.baseUrl);
    const received: ReceivedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(received);
    const route = this.findRoute(received);
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: `no replay route for ${received.method} ${url.pathname}${url.search}` }),
      );
      return;
    }
    const response = route.responses[Math.min(route.hits, route.responses.length - 1)] as ReplayResponse;
    route.hits += 1;
    const headers = { ...response.headers };
    for (const name of Object.keys(headers)) {
      if (DROPPED_HEADERS.has(name.toLowerCase())) delete headers[name];
      else if (name.toLowerCase() === 'link') headers[name] = this.rewriteHosts(headers[name] ?? '');
    }
    res.writeHead(response.status, headers);
    res.end(response.body);
  }

  private findRoute(req: ReceivedRequest): Route | undefined {
    const candidates = this.routes
      .map((route, index) => ({ route, index }))
      .filter(({ route: { match } }) => {
        if (match.method && match.method.toUpperCase() !== req.method) return false;
        const pathOk = typeof match.path === 'string' ? match.path === req.path : match.path.test(req.path);
        if (!pathOk) return false;
        return Object.entries(match.query ?? {}).every(([k, v]) => req.query[k] === v);
      });
    candidates.sort(
      (a, b) =>
        Object.keys(b.route.match.query ?? {}).length - Object.keys(a.route.match.query ?? {}).length ||
        b.index - a.index,
    );
    return candidates[0]?.route;
  }

  /** Points absolute URLs in a Link header at this server, keeping path and query. */
  private rewriteHosts(value: string): string {
    return value.replace(/<https?:\/\/[^/>]+/g, `<${this.baseUrl}`);
  }
}

function contentTypeFor(file: string): string {
  if (file.endsWith('.json')) return 'application/json; charset=utf-8';
  if (file.endsWith('.xml')) return 'application/xml; charset=utf-8';
  return 'text/plain; charset=utf-8';
}
