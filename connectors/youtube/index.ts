/**
 * The `youtube` source type: comment threads on chosen videos and/or a channel, through the YouTube Data
 * API v3 `commentThreads.list`. See docs/connectors/youtube.md.
 */
import type { ConnectorDefinition } from '../../core/connector.js';
import { asBackfill } from '../shared/backfill.js';
import { createYoutubeBackfill } from './backfill.js';
import { type YoutubeCursor, createYoutubeConnector } from './connector.js';
import { type YoutubeOptions, YoutubeOptionsSchema } from './options.js';
import { parseYoutubeBody } from './parse.js';

export type { YoutubeCursor } from './connector.js';

/** YouTube comment threads. */
export const youtubeConnector: ConnectorDefinition<YoutubeOptions, YoutubeCursor> = {
  type: 'youtube',
  optionsSchema: YoutubeOptionsSchema,
  credentials: [
    {
      key: 'apiKey',
      required: true,
      description:
        'Google Cloud API key with the YouTube Data API v3 enabled (10,000 quota units/day by default)',
    },
  ],
  create: createYoutubeConnector,
  createBackfill: asBackfill(createYoutubeBackfill),
  parse: parseYoutubeBody,
};
