/**
 * What a library hands the HTTP host: a framework-agnostic route. Libraries (storage's SQL endpoint, later
 * the web view and inbound webhooks) export `HostRoute` objects and never import fastify, so the host can
 * change framework without touching them, and a route can be unit-tested by calling `handle` directly.
 */
import type { Logger } from '../../core/logger.js';

/** HTTP methods a route can answer. `HEAD` is answered automatically for `GET` routes. */
export type HostMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. There is no default: an unauthenticated route is spelled `{ kind: 'public' }`, so
 * it is a visible decision in review.
 * - `bearer`: `Authorization: Bearer <token>` compared in constant time; 401 otherwise. `hint` ends the 401
 *   message and tells a person where the token lives (e.g. `see sql-endpoint.json`).
 * - `public`: anyone who can reach the socket (an inbound webhook then checks its own signature on `rawBody`).
 * - `custom`: a check of the route's own (see below).
 */
export type RouteAuth =
  | { kind: 'bearer'; token: string; hint?: string }
  | { kind: 'public' }
  | {
      /**
       * The route's own credential check (the web view's session cookie), run before the body is read:
       * `authorize` returns `undefined` to let the request through, else the reply to send instead (a 401
       * page, a redirect to a login page). `describe` names the scheme for logs and reviews.
       */
      kind: 'custom';
      describe: string;
      authorize(headers: Readonly<Record<string, string | string[] | undefined>>): HostReply | undefined;
    };

/** A request as a route sees it. */
export interface HostRequest {
  /** The body parsed as JSON (`body: 'json'` routes; `undefined` when empty), else `undefined`. */
  body: unknown;
  /** The body's bytes as received (empty when none); what a webhook signature is computed over. */
  rawBody: Buffer;
  /** Path parameters (`/webhooks/:source` gives `{ source }`). */
  params: Readonly<Record<string, string>>;
  /** Query-string parameters; a repeated key gives an array. */
  query: Readonly<Record<string, string | string[]>>;
  /** Request headers, names lower-case. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The host's logger, bound to this route. */
  log: Logger;
}

/**
 * What a route answers. `body` is sent as JSON unless `contentType` is set, in which case it must be a
 * string or a Buffer and is sent as-is (an HTML page of the web view).
 */
export interface HostReply {
  /** @default 200 */
  status?: number;
  body: unknown;
  contentType?: string;
  headers?: Readonly<Record<string, string>>;
}

/** One endpoint of the host. */
export interface HostRoute {
  method: HostMethod;
  /** Path, with `:name` parameters (`/query`, `/webhooks/:source`). */
  path: string;
  auth: RouteAuth;
  /**
   * How the body reaches `handle`: parsed as JSON (a body that is not JSON is answered 400 before `handle`
   * runs), or only as `rawBody`.
   * @default 'json'
   */
  body?: 'json' | 'raw';
  /** Largest accepted body (413 beyond it); the host's `bodyLimitBytes` when unset. */
  bodyLimitBytes?: number;
  /**
   * Answers the request. A thrown error is logged and answered 500 `Internal error` (its message is not
   * sent), so expected failures are returned as replies, e.g. with `errorReply`.
   */
  handle(request: HostRequest): HostReply | Promise<HostReply>;
}

/** The JSON body of every error the host or a route sends. */
export interface HostErrorBody {
  error: { message: string; code?: string };
}

/** An error reply in the host's shape: `{ error: { message, code? } }` with `status`. */
export function errorReply(status: number, message: string, code?: string): HostReply {
  const body: HostErrorBody = { error: code === undefined ? { message } : { message, code } };
  return { status, body };
}
