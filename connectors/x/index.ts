/**
 * The `x` source type: X API v2 recent search (last seven days) with an app's bearer token, one search per
 * brand query compiled to X's operators. See docs/connectors/x.md.
 */
import type { ConnectorDefinition } from '../../core/connector.js';
import { type XCursor, createXConnector } from './connector.js';
import { type XOptions, XOptionsSchema } from './options.js';
import { parseXBody } from './parse.js';

export type { XCursor } from './connector.js';

/** X (Twitter) recent search. */
export const xConnector: ConnectorDefinition<XOptions, XCursor> = {
  type: 'x',
  optionsSchema: XOptionsSchema,
  credentials: [
    {
      key: 'bearerToken',
      required: true,
      description:
        'App-only bearer token from the X developer portal (Projects & Apps → Keys and tokens); the app must be in a Project on a plan with recent search',
    },
  ],
  create: createXConnector,
  parse: parseXBody,
};
