/** Reads for story assignment: the stories stored recently, to seed a worker's near-duplicate index. */
import type { Store } from './client.js';
import { resultObjects } from './query.js';
import { runReadQuery, type ReadQuery } from './read-query.js';
import { TABLES } from './schema.js';

/** One stored story: its id and the title and text of one of its mentions. */
export interface StorySeed {
  storyId: string;
  title: string | null;
  text: string;
}

/** Which stories `recentStories` returns. */
export interface RecentStoriesOptions {
  /** Stories with a mention published in the last `days` days. */
  days: number;
  /** At most this many, the most recently active first. */
  limit: number;
}

// Raw rows, not FINAL: any version of a mention carries its story's text, and a seed needs no exactness.
const STORY_SEED_SQL = `
  SELECT story_id, any(title) AS title, any(text) AS text
  FROM ${TABLES.mentions}
  WHERE published_at > now() - INTERVAL {days:UInt32} DAY
  GROUP BY story_id
  ORDER BY max(published_at) DESC
  LIMIT {limit:UInt32}`;

/** The story seed read: stories active in the last `days` days, most recently active first. */
export function storySeedQuery(options: RecentStoriesOptions): ReadQuery<StorySeed[]> {
  return {
    name: 'recent stories',
    sql: STORY_SEED_SQL,
    params: { days: Math.max(0, Math.floor(options.days)), limit: Math.max(0, Math.floor(options.limit)) },
    decode: (result) =>
      resultObjects(result).map((r) => ({
        storyId: String(r.story_id),
        title: r.title === null ? null : String(r.title),
        text: String(r.text),
      })),
  };
}

/** Stories active in the last `options.days` days, most recently active first (see `storySeedQuery`). */
export async function recentStories(store: Store, options: RecentStoriesOptions): Promise<StorySeed[]> {
  return runReadQuery(store, storySeedQuery(options));
}
