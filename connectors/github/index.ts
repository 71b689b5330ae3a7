/**
 * The `github` source type: issues and pull requests mentioning a brand, through GitHub's issue search.
 * See docs/connectors/github.md.
 */
import type { ConnectorDefinition } from '../../core/connector.js';
import { asBackfill } from '../shared/backfill.js';
import { createGithubBackfill } from './backfill.js';
import { type GithubCursor, createGithubConnector } from './connector.js';
import { type GithubOptions, GithubOptionsSchema } from './options.js';
import { parseGithubBody } from './parse.js';

export type { GithubCursor } from './connector.js';

/** GitHub issue and pull-request search. */
export const githubConnector: ConnectorDefinition<GithubOptions, GithubCursor> = {
  type: 'github',
  optionsSchema: GithubOptionsSchema,
  credentials: [
    {
      key: 'token',
      required: false,
      description:
        'GitHub token (no scopes needed for public repos); raises search from 10 to 30 requests/min',
    },
  ],
  create: createGithubConnector,
  createBackfill: asBackfill(createGithubBackfill),
  parse: parseGithubBody,
};
