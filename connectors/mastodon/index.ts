/**
 * The `mastodon` source type: hashtag timelines and (with a token) full-text status search on one
 * Mastodon instance. See docs/connectors/mastodon.md.
 */
import type { ConnectorDefinition } from '../../core/connector.js';
import { asBackfill } from '../shared/backfill.js';
import { createMastodonBackfill } from './backfill.js';
import { type MastodonCursor, createMastodonConnector } from './connector.js';
import { type MastodonOptions, MastodonOptionsSchema } from './options.js';
import { parseMastodonBody } from './parse.js';

export type { MastodonCursor } from './connector.js';

/** Mastodon hashtags and status search, per instance. */
export const mastodonConnector: ConnectorDefinition<MastodonOptions, MastodonCursor> = {
  type: 'mastodon',
  optionsSchema: MastodonOptionsSchema,
  credentials: [
    {
      key: 'accessToken',
      required: false,
      description:
        'User access token (scope read) from Preferences → Development; needed for full-text search and on instances that hide hashtag timelines',
    },
  ],
  create: createMastodonConnector,
  createBackfill: asBackfill(createMastodonBackfill),
  parse: parseMastodonBody,
};
