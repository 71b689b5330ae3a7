/**
 * The `stackexchange` source type: questions from `/search/advanced` on one or more Stack Exchange sites,
 * one search per site and brand query. See docs/connectors/stackexchange.md.
 */
import type { ConnectorDefinition } from '../../core/connector.js';
import { asBackfill } from '../shared/backfill.js';
import { createStackExchangeBackfill } from './backfill.js';
import { type StackExchangeCursor, createStackExchangeConnector } from './connector.js';
import { type StackExchangeOptions, StackExchangeOptionsSchema } from './options.js';
import { parseStackExchangeBody } from './parse.js';

export type { StackExchangeCursor } from './connector.js';

/** Stack Exchange question search. */
export const stackexchangeConnector: ConnectorDefinition<StackExchangeOptions, StackExchangeCursor> = {
  type: 'stackexchange',
  optionsSchema: StackExchangeOptionsSchema,
  credentials: [
    {
      key: 'key',
      required: false,
      description:
        'App key registered on stackapps.com (not secret): raises the daily quota from 300 to 10,000 requests',
    },
  ],
  create: createStackExchangeConnector,
  createBackfill: asBackfill(createStackExchangeBackfill),
  parse: parseStackExchangeBody,
};
