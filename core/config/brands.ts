/** `brands:` — what to listen for, how to score it, and whom to benchmark against. */
import { z } from 'zod';
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
  })
  .refine((b) => b.query !== undefined || b.keywords.include.length + b.keywords.phrases.length > 0, {
    message: 'a brand needs a "query" or at least one of "keywords.include" / "keywords.phrases"',
  });

export type Brand = z.infer<typeof BrandSchema>;
