/** Options of a `mastodon` source (`sources[].options`). */
import { z } from 'zod';
import { DurationSchema } from '../../core/config/index.js';

export const MastodonOptionsSchema = z.object({
  /** The instance to read, e.g. `https://mastodon.social`. Each instance sees only what it federates. */
  instanceUrl: z.string().url(),
  /** Send requests here instead of `instanceUrl` (a proxy, or a test server). */
  baseUrl: z.string().url().optional(),
  /**
   * Hashtags to follow (without `#`), read from `/api/v1/timelines/tag/:tag` without a token. Brand
   * queries that are only hashtags (e.g. `#acme OR #acmeair`) add their tags automatically. @default []
   */
  hashtags: z
    .array(z.string().regex(/^#?[\p{L}\p{N}_]+$/u, 'a hashtag such as "acme" or "#acme"'))
    .default([]),
  /**
   * Full-text status search (`/api/v2/search?type=statuses`) for each brand. Needs the `accessToken`
   * credential; defaults to on when a token is configured.
   */
  search: z.boolean().optional(),
  /** Statuses per request, 1–40. @default 40 */
  pageSize: z.number().int().min(1).max(40).default(40),
  /** How far back the first poll reaches. @default "1d" */
  initialLookback: DurationSchema.default('1d'),
});

export type MastodonOptions = z.infer<typeof MastodonOptionsSchema>;
