/**
 * Public surface of the connectors library: the registry, the HTTP helper for new connectors, and each
 * source's definition.
 */
export {
  connectorDefinitions,
  connectorTypes,
  getConnectorDefinition,
  type AnyConnectorDefinition,
} from './registry.js';
export {
  httpRequest,
  parseJsonBody,
  parseLinkHeader,
  USER_AGENT,
  type HttpRequest,
  type HttpResponse,
} from './http.js';
export { rssConnector, type RssCursor, type RssOptions } from './rss/index.js';
export { demoConnector, type DemoCursor, type DemoOptions } from './demo/index.js';
export { redditConnector, type RedditCursor, type RedditOptions } from './reddit/index.js';
export { hackernewsConnector, type HackerNewsCursor, type HackerNewsOptions } from './hackernews/index.js';
export { appstoreConnector, type AppStoreCursor, type AppStoreOptions } from './appstore/index.js';
