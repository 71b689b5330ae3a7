/** Ids that are decimal strings of any length (Mastodon and X snowflakes), compared without precision loss. */
import type { FetchedMention } from '../../core/mention.js';
import type { MarkOrder } from './page-walk.js';

/** Compares two decimal-string ids numerically: negative, zero or positive like `Array.sort`. */
export function compareDecimalIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The larger of two optional decimal-string ids. */
export const maxDecimalId = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined ? a : compareDecimalIds(a, b) >= 0 ? a : b;

/**
 * Records ordered by decimal id against the newest id delivered (`since_id`, Mastodon and X); before the
 * first delivery a record is new when it is no older than `cutoff` (the initial lookback).
 */
export function byDecimalId<R extends { id: string; mention: FetchedMention }>(
  cutoff: number,
): MarkOrder<string | undefined, R> {
  return {
    mention: (r) => r.mention,
    isNew: (sinceId, r) =>
      sinceId === undefined ? r.mention.published_at >= cutoff : compareDecimalIds(r.id, sinceId) > 0,
    advance: (newest, r) => maxDecimalId(newest, r.id),
    later: maxDecimalId,
  };
}
