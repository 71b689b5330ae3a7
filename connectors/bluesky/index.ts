/**
 * The `bluesky` source type: brand searches over Bluesky posts through `app.bsky.feed.searchPosts`, logged
 * in with an app password. See docs/connectors/bluesky.md.
 */
import type { ConnectorDefinition } from '../../core/connector.js';
import { asBackfill } from '../shared/backfill.js';
import { createBlueskyBackfill } from './backfill.js';
import { type BlueskyCursor, createBlueskyConnector } from './connector.js';
import { type BlueskyOptions, BlueskyOptionsSchema } from './options.js';
import { parseBlueskyBody } from './parse.js';

export type { BlueskyCursor } from './connector.js';

/** Bluesky post search. */
export const blueskyConnector: ConnectorDefinition<BlueskyOptions, BlueskyCursor> = {
  type: 'bluesky',
  optionsSchema: BlueskyOptionsSchema,
  credentials: [
    {
      key: 'identifier',
      required: true,
      description: 'Bluesky handle (e.g. acme.bsky.social) or account e-mail',
    },
    { key: 'appPassword', required: true, description: 'App password from Settings → Privacy and security' },
  ],
  create: createBlueskyConnector,
  createBackfill: asBackfill(createBlueskyBackfill),
  parse: parseBlueskyBody,
};
