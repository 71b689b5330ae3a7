/**
 * Every source type Earshot knows, by type id. To add a source, import its definition and add one line to
 * `DEFINITIONS` (see docs/connectors/README.md).
 */
import type { ConnectorDefinition } from '../core/connector.js';
import { ConnectorConfigError } from '../core/errors.js';
import { appstoreConnector } from './appstore/index.js';
import { blueskyConnector } from './bluesky/index.js';
import { demoConnector } from './demo/index.js';
import { githubConnector } from './github/index.js';
import { hackernewsConnector } from './hackernews/index.js';
import { mastodonConnector } from './mastodon/index.js';
import { redditConnector } from './reddit/index.js';
import { rssConnector } from './rss/index.js';
import { stackexchangeConnector } from './stackexchange/index.js';
import { surveyFileConnector } from './survey-file/index.js';
import { surveyWebhookConnector } from './survey-webhook/index.js';
import { ticketsFileConnector } from './tickets-file/index.js';
import { xConnector } from './x/index.js';
import { youtubeConnector } from './youtube/index.js';

/** A definition with its option and cursor types erased, as the registry and composition roots see it. */
export type AnyConnectorDefinition = ConnectorDefinition<unknown, unknown>;

const DEFINITIONS: AnyConnectorDefinition[] = [
  rssConnector as AnyConnectorDefinition,
  demoConnector as AnyConnectorDefinition,
  redditConnector as AnyConnectorDefinition,
  hackernewsConnector as AnyConnectorDefinition,
  appstoreConnector as AnyConnectorDefinition,
  blueskyConnector as AnyConnectorDefinition,
  mastodonConnector as AnyConnectorDefinition,
  youtubeConnector as AnyConnectorDefinition,
  githubConnector as AnyConnectorDefinition,
  xConnector as AnyConnectorDefinition,
  stackexchangeConnector as AnyConnectorDefinition,
  surveyFileConnector as AnyConnectorDefinition,
  surveyWebhookConnector as AnyConnectorDefinition,
  ticketsFileConnector as AnyConnectorDefinition,
];

/** Connector definitions by source type id (`rss`, `reddit`, …). */
export const connectorDefinitions: Readonly<Record<string, AnyConnectorDefinition>> = Object.freeze(
  Object.fromEntries(DEFINITIONS.map((d) => [d.type, d])),
);

/** Known source type ids, sorted. */
export function connectorTypes(): string[] {
  return Object.keys(connectorDefinitions).sort();
}

/**
 * The definition for a source type.
 * @throws ConnectorConfigError naming the known types when `type` is unknown; `sourceId` names the source.
 */
export function getConnectorDefinition(type: string, sourceId = type): AnyConnectorDefinition {
  const definition = connectorDefinitions[type];
  if (!definition) {
    throw new ConnectorConfigError(
      `unknown source type "${type}" for source ${sourceId}; known types: ${connectorTypes().join(', ')}`,
      sourceId,
    );
  }
  return definition;
}
