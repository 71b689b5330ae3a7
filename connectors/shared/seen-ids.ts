/**
 * Delivered-id bookkeeping for sources that have no ordering to page by, only a newest-first document
 * (RSS feeds, the App Store reviews feed): the cursor remembers the ids it delivered, most recent first and
 * bounded, and the newest publication time, and a poll delivers what it has not seen.
 */
import type { FetchedMention } from '../../core/mention.js';

/** The ids already delivered (most recent first, bounded) and the newest `published_at` (0 before any). */
export interface SeenIds {
  seenIds: string[];
  newestPublishedAt: number;
}

/** The state before the first poll. */
export const nothingSeen = (): SeenIds => ({ seenIds: [], newestPublishedAt: 0 });

/** The mentions whose ids `seen` does not hold, in their order. */
export function unseen(seen: SeenIds, mentions: readonly FetchedMention[]): FetchedMention[] {
  const ids = new Set(seen.seenIds);
  return mentions.filter((m) => !ids.has(m.native_id));
}

/** `seen` after also delivering `fresh`: their ids first, at most `max` ids kept. */
export function rememberSeen(seen: SeenIds, fresh: readonly FetchedMention[], max: number): SeenIds {
  return {
    seenIds: [...new Set([...fresh.map((m) => m.native_id), ...seen.seenIds])].slice(0, max),
    newestPublishedAt: Math.max(seen.newestPublishedAt, ...fresh.map((m) => m.published_at)),
  };
}
