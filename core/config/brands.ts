/** `brands:` — what to listen for, how to score it, and whom to benchmark against. */
import { z } from 'zod';
import { DurationSchema } from './duration.js';
import { KeySchema } from './keys.js';

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

/** Handles as the source shows authors (`acme_support` on X, `acme.bsky.social`, `acme@mastodon.social`, a Reddit username). */
const HandleListSchema = z.array(z.string().min(1).max(200)).default([]);

/** `brands[].accounts`: the brand's own handles on the sources that show reply threads. */
export const BrandAccountsSchema = z
  .strictObject({
    x: HandleListSchema,
    bluesky: HandleListSchema,
    mastodon: HandleListSchema,
    reddit: HandleListSchema,
  })
  .partial();

/** One brand. */
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
    /**
     * The brand's own accounts per source type, e.g. `{ x: [acme_support], bluesky: [acme.bsky.social] }`:
     * their posts are stored for the brand (marked `from_brand`) and their replies measure response times.
     * @default {}
     */
    accounts: BrandAccountsSchema.default({}),
    /** How fast the brand means to answer on social, e.g. `1h`; response-time reads count answers within it. @default "1h" */
    sla: DurationSchema.default('1h'),
  })
  .refine((b) => b.query !== undefined || b.keywords.include.length + b.keywords.phrases.length > 0, {
    message: 'a brand needs a "query" or at least one of "keywords.include" / "keywords.phrases"',
  });

export type Brand = z.infer<typeof BrandSchema>;
