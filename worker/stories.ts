/**
 * The story assigner of a worker process: a near-duplicate index (SimHash, matching/fingerprint)
 * seeded at start from the stories stored in the last days, so a syndicated copy fetched after a
 * restart still joins its story.
 */
import type { Logger } from '../core/logger.js';
import type { StoryAssigner } from '../activities/ports.js';
import { fingerprint, StoryIndex } from '../matching/index.js';
import type { Store } from '../storage/client.js';

/** How far back the index is seeded from stored mentions. */
const SEED_DAYS = 7;
/** Most stories kept in memory (the index also bounds itself). */
const SEED_LIMIT = 100_000;

/** Creates the assigner, seeded from `store`. */
export async function createStoryAssigner(store: Store, logger: Logger): Promise<StoryAssigner> {
  const index = new StoryIndex();
  const rs = await store.client.query({
    query: `
      SELECT story_id, any(title) AS title, any(text) AS text
      FROM ${store.table('mentions')}
      WHERE published_at > now() - INTERVAL {days:UInt32} DAY
      GROUP BY story_id
      ORDER BY max(published_at) DESC
      LIMIT {limit:UInt32}`,
    query_params: { days: SEED_DAYS, limit: SEED_LIMIT },
    format: 'JSONEachRow',
  });
  const rows = await rs.json<{ story_id: string; title: string | null; text: string }>();
  for (const row of rows.reverse()) {
    index.add(row.story_id, fingerprint(row.title ? `${row.title}\n${row.text}` : row.text));
  }
  logger.debug({ stories: rows.length }, 'story index seeded');
  return { assign: (text) => index.assign(text).storyId };
}
