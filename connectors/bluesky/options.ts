/** Options of a `bluesky` source (`sources[].options`). */
import { z } from 'zod';
import { DurationSchema } from '../../core/config/index.js';

export const BlueskyOptionsSchema = z.object({
  /**
   * XRPC host. The PDS proxies search to the AppView for logged-in users; the public AppView refuses
   * unauthenticated search. @default "https://bsky.social"
   */
  baseUrl: z.string().url().default('https://bsky.social'),
  /** Posts per request, 1–100. @default 100 */
  pageSize: z.number().int().min(1).max(100).default(100),
  /** How far back the first poll reaches. @default "1d" */
  initialLookback: DurationSchema.default('1d'),
  /** Only posts declared in this language (e.g. "en"); all languages when absent. */
  lang: z.string().min(2).optional(),
});

export type BlueskyOptions = z.infer<typeof BlueskyOptionsSchema>;
