/** Options of a `github` source (`sources[].options`). */
import { z } from 'zod';
import { DurationSchema } from '../../core/config/index.js';

export const GithubOptionsSchema = z.object({
  /** REST API root; GitHub Enterprise Server uses `https://HOST/api/v3`. @default "https://api.github.com" */
  baseUrl: z.string().url().default('https://api.github.com'),
  /**
   * What to search: `issue`, `pr` or both. GitHub requires one `is:` qualifier per search, so each type is
   * a separate search (and request budget). @default ["issue"]
   */
  types: z
    .array(z.enum(['issue', 'pr']))
    .min(1)
    .default(['issue']),
  /** Extra search qualifiers added to every brand search, e.g. `org:acme in:title,body -label:spam`. @default "" */
  qualifiers: z.string().default(''),
  /** Results per request, 1–100. @default 100 */
  pageSize: z.number().int().min(1).max(100).default(100),
  /** How far back the first poll reaches. @default "7d" */
  initialLookback: DurationSchema.default('7d'),
});

export type GithubOptions = z.infer<typeof GithubOptionsSchema>;
