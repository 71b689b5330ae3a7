/**
 * `reports:` — scheduled report digests (docs/reports.md): each digest e-mails the report of each of its brands
 * for the period that just ended, every `every` (weekly by default) or at the times of an `at` cron expression,
 * through an SMTP relay whose URL is in an environment variable (like the alerts' e-mail channel).
 */
import { z } from 'zod';
import { EmailChannelSchema } from './alerts.js';
import { DurationSchema } from './duration.js';
import { KeySchema } from './keys.js';

/** Five cron fields (minute hour day-of-month month day-of-week), evaluated in UTC by the Temporal Schedule. */
const CRON = /^\S+(\s+\S+){4}$/;

/** One digest: which brands, how often, to whom. */
export const DigestSchema = z.strictObject({
  /** Stable id; names the Temporal Schedule (`reports:digest:<id>`) and the messages' Message-ID. */
  id: KeySchema,
  /** Brand keys; one e-mail per brand. */
  brands: z.array(KeySchema).min(1, 'name at least one brand key'),
  /** Length of the reported period, and how often the digest goes out when `at` is absent. @default '7d' */
  every: DurationSchema.default('7d'),
  /** When it goes out, as a UTC cron expression (e.g. "0 8 * * 1" = Mondays 08:00); the period stays `every`. */
  at: z.string().regex(CRON, 'use five cron fields in UTC, e.g. "0 8 * * 1" for Mondays at 08:00').optional(),
  /** Recipients and relay (same fields as the alerts' e-mail channel). */
  email: EmailChannelSchema,
  /** Attach the report as PDF when headless Chromium is installed. @default true */
  pdf: z.boolean().default(true),
});
export type DigestConfig = z.infer<typeof DigestSchema>;

export const ReportsSchema = z.strictObject({
  digests: z.array(DigestSchema).default([]),
});
export type ReportsConfig = z.infer<typeof ReportsSchema>;

/** Digests name configured brands and have distinct ids. */
export function reportIssues(
  reports: ReportsConfig,
  brandKeys: ReadonlySet<string>,
): Array<{ path: PropertyKey[]; message: string }> {
  const seen = new Set<string>();
  const known = `use one of: ${[...brandKeys].join(', ')}`;
  return reports.digests.flatMap((digest, i) => {
    const repeated = seen.has(digest.id);
    seen.add(digest.id);
    return [
      ...(repeated
        ? [{ path: ['reports', 'digests', i, 'id'], message: `duplicate digest id "${digest.id}"` }]
        : []),
      ...digest.brands.flatMap((key, j) =>
        brandKeys.has(key)
          ? []
          : [{ path: ['reports', 'digests', i, 'brands', j], message: `unknown brand "${key}"; ${known}` }],
      ),
    ];
  });
}
