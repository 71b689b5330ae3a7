/** `sources:` — where to poll, how often, for which brands, with which credentials. */
import { z } from 'zod';
import { DurationSchema } from './duration.js';
import { EnvVarNameSchema, KeySchema } from './keys.js';

/** One configured source instance. */
export const SourceSchema = z.strictObject({
  /** Unique instance id, used in schedule ids, tables and `earshot status`. */
  id: KeySchema,
  /**
   * Source type: rss, demo, reddit, hackernews, appstore, bluesky, mastodon, youtube, github, x, stackexchange,
   * survey-file, survey-webhook, tickets-file.
   */
  type: z.string().min(1),
  /** How often to poll. @default "15m" */
  interval: DurationSchema.default('15m'),
  /** Keys of the brands this source listens for. */
  brands: z.array(KeySchema).min(1, 'list at least one brand key'),
  /** Source-specific options, validated by the connector. @default {} */
  options: z.record(z.string(), z.unknown()).default({}),
  /** Credential key → name of the environment variable holding it (never the secret itself). @default {} */
  credentials: z.record(z.string(), EnvVarNameSchema).default({}),
  /**
   * Cap on API requests per second for this source: each worker paces the source's page requests, and the
   * source's task queue starts at most this many batches a second across workers.
   * @default the connector's: 1 for sources with a remote API, 100 for the demo and local files
   */
  maxRequestsPerSecond: z.number().positive().max(100).optional(),
  /** Set false to keep the config but stop polling. @default true */
  enabled: z.boolean().default(true),
});

export type SourceConfig = z.infer<typeof SourceSchema>;
