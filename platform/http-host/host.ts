/**
 * The process's one HTTP server: fastify, serving the `HostRoute`s the composition root collects from the
 * libraries. It owns what every route needs the same way: loopback binding, bearer auth, body limits,
 * JSON errors in one shape, and a graceful close.
 */
import type { AddressInfo } from 'node:net';
import { fastify, type FastifyReply, type RouteOptions } from 'fastify';
import type { Logger } from '../../core/logger.js';
import { bearerChecker } from './auth.js';
import { errorReply, type HostMethod, type HostReply, type HostRoute } from './route.js';

/** Default largest request body: 1 MiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** Options of `startHttpHost`. */
export interface HttpHostOptions {
  /** Interface to bind. Anything but loopback exposes every route to the network. @default '127.0.0.1' */
  host?: string;
  /** Port; 0 takes a free one (read it back from `HttpHost.port`). @default 0 */
  port?: number;
  /** Largest request body of routes that set none. @default DEFAULT_BODY_LIMIT_BYTES */
  bodyLimitBytes?: number;
  logger: Logger;
  routes: readonly HostRoute[];
}

/** A started host. */
export interface HttpHost {
  /** `http://<host>:<port>`, no trailing slash. */
  url: string;
  port: number;
  /** Stops accepting connections, lets requests in flight finish, then resolves. Idempotent. */
  close(): Promise<void>;
}

const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * Starts the host and resolves once it listens. Every answer the host makes itself is JSON
 * `{ error: { message, code? } }`: 401 (auth), 404 (no such path), 405 (path exists, other method, with
 * `Allow`), 413 (body over the limit), 400 (a `json` route's body is not JSON), 500 (a route threw; the
 * error is logged, its message is not sent). Error answers close the connection, since the client may
 * still be sending a body nobody reads. Rejects when the port cannot be bound.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const { host = '127.0.0.1', port = 0, bodyLimitBytes = DEFAULT_BODY_LIMIT_BYTES, routes } = options;
  const log = options.logger.child({ component: 'http-host' });
  const app = fastify({ logger: false, bodyLimit: bodyLimitBytes, forceCloseConnections: 'idle' });

  // Every body arrives as bytes whatever its Content-Type; each route decides how to read it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode >= 400) void reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    // The path only: a query string may carry a secret (a webhook's token).
    log.debug({ method: request.method, url: pathOf(request.url), status: reply.statusCode }, 'http request');
  });
  app.setNotFoundHandler(async (request, reply) =>
    send(reply, errorReply(404, `Not found: ${request.method} ${pathOf(request.url)}`)),
  );
  app.setErrorHandler(async (error: Error & { code?: string; statusCode?: number }, request, reply) => {
    // Only fastify's own 4xx (body too large, malformed request) are the client's fault; anything else is
    // ours, and its message may carry internals.
    const status = error.code?.startsWith('FST_') ? (error.statusCode ?? 500) : 500;
    if (status === 413) {
      return send(reply, errorReply(413, `Body larger than ${request.routeOptions.bodyLimit} bytes`));
    }
    if (status < 500) return send(reply, errorReply(status, error.message));
    log.error({ err: error, method: request.method, url: pathOf(request.url) }, 'http route failed');
    return send(reply, errorReply(500, 'Internal error'));
  });

  for (const route of routes) app.route(toFastifyRoute(route, log));
  for (const [path, methods] of methodsByPath(routes)) {
    const allowed = new Set<string>(methods.has('GET') ? [...methods, 'HEAD'] : methods);
    const others = ALL_METHODS.filter((m) => !allowed.has(m));
    if (others.length === 0) continue;
    const allow = [...allowed].join(', ');
    app.route({
      method: [...others],
      url: path,
      handler: async (request, reply) => {
        void reply.header('allow', allow);
        return send(reply, errorReply(405, `Method ${request.method} not allowed on ${path}: use ${allow}`));
      },
    });
  }

  try {
    await app.listen({ host, port });
  } catch (error) {
    await app.close();
    throw error;
  }
  const bound = (app.server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  log.info({ url, routes: routes.map((r) => `${r.method} ${r.path}`) }, 'http host listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    port: bound,
    close() {
      closing ??= app.close();
      return closing;
    },
  };
}

function toFastifyRoute(route: HostRoute, log: Logger): RouteOptions {
  const routeLog = log.child({ route: `${route.method} ${route.path}` });
  return {
    method: route.method,
    url: route.path,
    ...(route.bodyLimitBytes === undefined ? {} : { bodyLimit: route.bodyLimitBytes }),
    ...(route.auth.kind === 'bearer' ? { onRequest: bearerHook(route.auth.token, route.auth.hint) } : {}),
    ...(route.auth.kind === 'custom' ? { onRequest: customAuthHook(route.auth.authorize) } : {}),
    handler: async (request, reply) => {
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      let body: unknown;
      if ((route.body ?? 'json') === 'json' && rawBody.length > 0) {
        try {
          body = JSON.parse(rawBody.toString('utf8'));
        } catch {
          return send(reply, errorReply(400, 'Body must be JSON'));
        }
      }
      const answer = await route.handle({
        body,
        rawBody,
        params: request.params as Record<string, string>,
        query: request.query as Record<string, string | string[]>,
        headers: request.headers,
        log: routeLog,
      });
      return send(reply, answer);
    },
  };
}

/**
 * Refuses requests without the route's token. An onRequest hook runs before the body is read, so an
 * unauthenticated client cannot make the host buffer anything.
 */
function bearerHook(token: string, hint: string | undefined): NonNullable<RouteOptions['onRequest']> {
  const authorized = bearerChecker(token);
  const message = `Missing or wrong bearer token${hint ? ` (${hint})` : ''}`;
  return async (request, reply) => {
    if (authorized(request.headers.authorization)) return;
    void reply.header('www-authenticate', 'Bearer');
    return send(reply, errorReply(401, message));
  };
}

/** Runs a route's own credential check before the body is read; its refusal is sent as the route made it. */
function customAuthHook(
  authorize: Extract<HostRoute['auth'], { kind: 'custom' }>['authorize'],
): NonNullable<RouteOptions['onRequest']> {
  return async (request, reply) => {
    const refusal = authorize(request.headers);
    if (refusal) return send(reply, refusal);
  };
}

/** Sends a route's reply: JSON unless it names its own content type. */
function send(reply: FastifyReply, answer: HostReply): FastifyReply {
  void reply.code(answer.status ?? 200);
  if (answer.headers) void reply.headers(answer.headers);
  if (answer.contentType !== undefined) return reply.type(answer.contentType).send(answer.body);
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(answer.body));
}

function methodsByPath(routes: readonly HostRoute[]): Map<string, Set<HostMethod>> {
  const byPath = new Map<string, Set<HostMethod>>();
  for (const { path, method } of routes) byPath.set(path, (byPath.get(path) ?? new Set()).add(method));
  return byPath;
}

const pathOf = (url: string): string => url.split('?', 1)[0] ?? url;
