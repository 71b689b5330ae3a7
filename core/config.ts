/**
 * The user's `earshot.config.yaml`: schema, defaults and cross-checks. Parsing the file text lives in
 * `core/config-file.ts`; per-source `options` are validated later against each connector's own schema.
 */
import { z } from 'zod';

/** A duration such as `30s`, `15m`, `1h`, `1d`. */
export const DurationSchema = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)$/, 'expected a duration such as "30s", "15m", "1h" or "1d"');

/** Converts a `DurationSchema` string to milliseconds. */
export function durationMs(duration: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(duration);
  if (!match) throw new Error(`Not a duration: ${duration}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms'];
  return Number(match[1]) * unit;
}

const KeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, "-" and "_" (e.g. "acme-air")');

/** Simple keyword matching, compiled to a query when `query` is absent. */
export const KeywordsSchema = z.strictObject({
  /** Any of these words or phrases (case-insensitive, word boundaries). @default [] */
  include: z.array(z.string().min(1)).default([]),
  /** None of these may appear. @default [] */
  exclude: z.array(z.string().min(1)).default([]),
  /** Exact phrases that count as a match. @default [] */
  phrases: z.array(z.string().min(1)).default([]),
});

/** Per-brand scoring adjustments; part of the scorer version. */
export const BrandSentimentSchema = z.strictObject({
  /** Term → polarity in [-5, 5] (AFINN scale), e.g. `{ sick: 3 }` for a skate brand. @default {} */
  overrides: z.record(z.string(), z.number().min(-5).max(5)).default({}),
  /** Phrases removed before scoring, e.g. a product name that contains a sentiment word. @default [] */
  ignore: z.array(z.string().min(1)).default([]),
});

export const BrandSchema = z
  .object({
    key: KeySchema,
    /** Display name used in dashboards and alerts. */
    name: z.string().min(1),
    keywords: KeywordsSchema.default({ include: [], exclude: [], phrases: [] }),
    /** Brand query language, e.g. `("acme air" OR @acmeair) AND NOT anvil`; overrides `keywords`. */
    query: z.string().min(1).optional(),
    /** Keys of other configured brands to benchmark against. @default [] */
    competitors: z.array(KeySchema).default([]),
    sentiment: BrandSentimentSchema.default({ overrides: {}, ignore: [] }),
  })
  .refine((b) => b.query !== undefined || b.keywords.include.length + b.keywords.phrases.length > 0, {
    message: 'a brand needs a "query" or at least one of "keywords.include" / "keywords.phrases"',
  });

export const SourceSchema = z.strictObject({
  /** Unique instance id, used in schedule ids, tables and `earshot status`. */
  id: KeySchema,
  /** Source type: rss, demo, reddit, hackernews, appstore, bluesky, mastodon, youtube, github. */
  type: z.string().min(1),
  /** How often to poll. @default "15m" */
  interval: DurationSchema.default('15m'),
  /** Keys of the brands this source listens for. */
  brands: z.array(KeySchema).min(1, 'list at least one brand key'),
  /** Source-specific options, validated by the connector. @default {} */
  options: z.record(z.string(), z.unknown()).default({}),
  /** Credential key → name of the environment variable holding it (never the secret itself). @default {} */
  credentials: z
    .record(
      z.string(),
      z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'give the NAME of an environment variable, e.g. REDDIT_SECRET'),
    )
    .default({}),
  /** Cap on API requests per second for this source, enforced by the worker. @default 1 */
  maxRequestsPerSecond: z.number().positive().max(100).default(1),
  /** Set false to keep the config but stop polling. @default true */
  enabled: z.boolean().default(true),
});

/** Alerts section (schema only for now; the alerting issue builds on it). */
export const AlertsSchema = z.strictObject({
  enabled: z.boolean().default(false),
  slack: z.strictObject({ webhookUrlEnv: z.string() }).optional(),
  webhook: z.strictObject({ url: z.string().url() }).optional(),
  email: z.strictObject({ to: z.array(z.string().email()), smtpUrlEnv: z.string() }).optional(),
});

/** Grafana section (schema only for now; the dashboards issue builds on it). */
export const GrafanaSchema = z.strictObject({
  url: z.string().url().optional(),
  tokenEnv: z.string().default('GRAFANA_TOKEN'),
  folderUid: z.string().default('earshot'),
});

export const ConfigSchema = z
  .object({
    brands: z.array(BrandSchema).min(1, 'configure at least one brand'),
    sources: z.array(SourceSchema).default([]),
    alerts: AlertsSchema.default({ enabled: false }),
    grafana: GrafanaSchema.default({ tokenEnv: 'GRAFANA_TOKEN', folderUid: 'earshot' }),
  })
  .superRefine((config, ctx) => {
    const brandKeys = new Set<string>();
    config.brands.forEach((b, i) => {
      if (brandKeys.has(b.key))
        ctx.addIssue({
          code: 'custom',
          path: ['brands', i, 'key'],
          message: `duplicate brand key "${b.key}"`,
        });
      brandKeys.add(b.key);
    });
    config.brands.forEach((b, i) =>
      b.competitors.forEach((c, j) => {
        if (!brandKeys.has(c))
          ctx.addIssue({
            code: 'custom',
            path: ['brands', i, 'competitors', j],
            message: `unknown brand "${c}"; competitors must be keys of brands listed under "brands"`,
          });
      }),
    );
    const sourceIds = new Set<string>();
    config.sources.forEach((s, i) => {
      if (sourceIds.has(s.id))
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'id'],
          message: `duplicate source id "${s.id}"`,
        });
      sourceIds.add(s.id);
      s.brands.forEach((b, j) => {
        if (!brandKeys.has(b))
          ctx.addIssue({
            code: 'custom',
            path: ['sources', i, 'brands', j],
            message: `unknown brand "${b}"; use one of: ${[...brandKeys].join(', ')}`,
          });
      });
    });
  });

export type Brand = z.infer<typeof BrandSchema>;
export type SourceConfig = z.infer<typeof SourceSchema>;
export type EarshotConfig = z.infer<typeof ConfigSchema>;
