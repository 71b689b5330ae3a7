/**
 * The embedded store's ClickHouse HTTP interface (docs/sql-access.md): the server `earshot up` runs, its
 * users and discovery file, and how a CLI command connects to it.
 */
export {
  DEFAULT_CAPS,
  DEFAULT_LIMITS,
  startClickHouseHttp,
  type ClickHouseHttpOptions,
  type ClickHouseHttpServer,
  type HttpLimits,
} from './server.js';
export { ENDPOINT_FILE, publishHttpEndpoint, readHttpEndpoint, type HttpEndpointInfo } from './discovery.js';
export {
  HTTP_USERS,
  USERS_FILE,
  USER_ROLES,
  ensureHttpUsers,
  readHttpUsers,
  type HttpCredentials,
  type HttpUser,
} from './users.js';
export type { QueryCaps } from './settings-policy.js';
export { isLoopback, serveStoreOverHttp, type ServedStore } from './serve-store.js';
