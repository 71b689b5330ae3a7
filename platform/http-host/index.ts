/**
 * Public surface of the HTTP host: `startHttpHost` (used by composition roots) and the framework-agnostic
 * route types libraries build their endpoints from (see route.ts).
 */
export { DEFAULT_BODY_LIMIT_BYTES, startHttpHost, type HttpHost, type HttpHostOptions } from './host.js';
export { bearerChecker, newBearerToken } from './auth.js';
export {
  errorReply,
  type HostErrorBody,
  type HostMethod,
  type HostReply,
  type HostRequest,
  type HostRoute,
  type RouteAuth,
} from './route.js';
