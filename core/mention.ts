/**
 * The normalized record every connector produces and every other part of Earshot consumes.
 * Field names are snake_case because they are also the ClickHouse column names analysts query.
 */

import type { CareRecord } from './care.js';

/** What a record is on its source (`survey`: a survey response's comment; `ticket`: a support ticket). */
export type MentionKind = 'post' | 'comment' | 'review' | 'article' | 'survey' | 'ticket';

/** Engagement counts as the source reports them at fetch time; absent counts are 0. */
export interface Engagement {
  likes: number;
  shares: number;
  replies: number;
  /** Net score where the source has one (Reddit score, HN points). */
  score: number;
}

/** A review's rating with its scale, e.g. `{ value: 4, scale: 5 }`. */
export interface Rating {
  value: number;
  scale: number;
}

/**
 * A record as a connector returns it: normalized, not yet attributed to a brand nor scored.
 * `published_at` is UTC epoch milliseconds.
 */
export interface FetchedMention {
  source: string;
  native_id: string;
  kind: MentionKind;
  url: string;
  author: string;
  author_followers?: number;
  title?: string;
  /** Plain text: HTML stripped, entities decoded, stored verbatim otherwise. */
  text: string;
  /** Language the source declares (BCP-47 primary subtag), if any; the scorer detects its own. */
  lang_hint?: string;
  published_at: number;
  engagement: Engagement;
  rating?: Rating;
  /**
   * The brand the record belongs to when the source says so (a survey or ticket export with a brand
   * column, or a source of one brand): the pipeline attributes it to that brand without matching its text.
   */
  attributed_brand?: string;
  /** Service fields of a survey response or a ticket (core/care.ts), stored beside the mention. */
  care?: CareRecord;
  /**
   * Reply threads (sources that show them: x, bluesky, mastodon, reddit): the id a reply names its parent
   * by, i.e. the parent's `reply_key` when it has one, else its `native_id`.
   */
  in_reply_to?: string;
  /** The thread (conversation) the record belongs to, as the source names it (usually its root post). */
  thread_id?: string;
  /**
   * The id replies name this record by, where it differs from `native_id` (a Mastodon reply names the
   * instance-local status id; `native_id` is the global URI).
   */
  reply_key?: string;
}

/** Sentiment labels; `unscored` means the engine declined (unsupported language, no text), never a guess. */
export type SentimentLabel = 'negative' | 'neutral' | 'positive' | 'unscored';

/** One customer-service aspect found in a text, with the sentiment of the clauses that mention it. */
export interface AspectScore {
  aspect: string;
  sentiment: number;
}

/** Output of the sentiment engine's `analyze()`. */
export interface SentimentResult {
  /** In [-1, 1]; 0 when unscored. */
  sentiment: number;
  label: SentimentLabel;
  /** Calibrated probability of `label`, in [0, 1]. */
  confidence: number;
  aspects: AspectScore[];
  /** Detected language (ISO 639-1) or `und`. */
  lang: string;
}

/** A stored mention: one row per brand the record matches, with the scorer's output. */
export interface Mention extends FetchedMention {
  brand: string;
  /** Instance id of the configured source that fetched it (a config may have several `rss` sources). */
  source_id: string;
  fetched_at: number;
  lang: string;
  sentiment: number;
  label: SentimentLabel;
  confidence: number;
  aspects: AspectScore[];
  scorer_version: string;
  /** Groups near-identical texts across sources (syndication, copy-paste); see connectors' fingerprinting. */
  story_id: string;
  /** True when the author is one of `brand`'s own accounts on this source (`brands[].accounts`). */
  from_brand?: boolean;
}
