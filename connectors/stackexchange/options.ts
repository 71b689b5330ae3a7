/** Options of a `stackexchange` source (`sources[].options`). */
import { z } from 'zod';
import { DurationSchema } from '../../core/config/index.js';

export const StackExchangeOptionsSchema = z.object({
  /** API base including the version. @default "https://api.stackexchange.com/2.3" */
  baseUrl: z.string().url().default('https://api.stackexchange.com/2.3'),
  /**
   * Sites to search, by API name (`stackoverflow`, `superuser`, `serverfault`, `askubuntu`, `unix`…): one
   * search per site and brand query, each a request against the daily quota. @default ["stackoverflow"]
   */
  sites: z
    .array(z.string().regex(/^[a-z0-9.-]+$/, 'an API site name such as "stackoverflow"'))
    .min(1)
    .default(['stackoverflow']),
  /** Only questions with all of these tags (sent as `tagged`, joined with `;`). @default [] */
  tagged: z.array(z.string().min(1)).default([]),
  /** Also fetch question bodies (`filter=withbody`), scored with the title. @default true */
  includeBody: z.boolean().default(true),
  /** Questions per request, 1–100. @default 100 */
  pageSize: z.number().int().min(1).max(100).default(100),
  /** How far back the first poll reaches. @default "7d" */
  initialLookback: DurationSchema.default('7d'),
});

export type StackExchangeOptions = z.infer<typeof StackExchangeOptionsSchema>;
