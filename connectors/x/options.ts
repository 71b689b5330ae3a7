/** Options of an `x` source (`sources[].options`). */
import { z } from 'zod';
import { DurationSchema, durationMs } from '../../core/config/index.js';

/** Recent search reaches back seven days; older `since_id`s and `start_time`s are refused by X. */
export const RECENT_SEARCH_WINDOW_MS = 7 * 86_400_000;

export const XOptionsSchema = z.object({
  /** API host. @default "https://api.x.com" */
  baseUrl: z.string().url().default('https://api.x.com'),
  /** Posts per request, 10–100 (each returned post counts against the monthly post cap). @default 100 */
  maxResults: z.number().int().min(10).max(100).default(100),
  /** Appends `-is:retweet`: retweets repeat someone else's text and cost cap. @default true */
  excludeRetweets: z.boolean().default(true),
  /** Appends `lang:<code>` (an ISO 639-1 code X supports, e.g. `en`). */
  lang: z
    .string()
    .regex(/^[a-z]{2,3}$/, 'a language code such as "en"')
    .optional(),
  /** Extra X operators appended to every brand search, e.g. `-is:nullcast has:links`. */
  extraOperators: z.string().min(1).optional(),
  /** Longest query the plan accepts: 512 characters on Free/Basic, 4,096 on Pro. @default 512 */
  maxQueryLength: z.number().int().min(1).max(4096).default(512),
  /** How far back the first poll reaches, at most 7 days (the recent-search window). @default "1d" */
  initialLookback: DurationSchema.default('1d').refine(
    (d) => durationMs(d) <= RECENT_SEARCH_WINDOW_MS,
    'at most "7d": recent search only covers the last seven days',
  ),
});

export type XOptions = z.infer<typeof XOptionsSchema>;
