/**
 * The story assigner of a worker process: a near-duplicate index (SimHash, matching/fingerprint)
 * seeded at start from the stories stored in the last days, so a syndicated copy fetched after a
 * restart still joins its story.
 */
import type { Logger } from '../core/logger.js';
import type { StoryAssigner } from '../activities/ports.js';
import { fingerprint, StoryIndex } from '../matching/index.js';
import type { Store } from '../storage/client.js';
import { recentStories } from '../storage/stories.js';

/** How far back the index is seeded from stored mentions. */
const SEED_DAYS = 7;
/** Most stories kept in memory (the index also bounds itself). */
const SEED_LIMIT = 100_000;

/** Creates the assigner, seeded from `store`. */
export async function createStoryAssigner(store: Store, logger: Logger): Promise<StoryAssigner> {
  const index = new StoryIndex();
  const stories = await recentStories(store, { days: SEED_DAYS, limit: SEED_LIMIT });
  // Oldest first, so the most recent stories are the last added (and the last the index would evict).
  for (const story of stories.reverse()) {
    index.add(story.storyId, fingerprint(story.title ? `${story.title}\n${story.text}` : story.text));
  }
  logger.debug({ stories: stories.length }, 'story index seeded');
  return { assign: (text) => index.assign(text).storyId };
}
