import { describe, expect, it } from 'vitest';
import type { Store } from '../../../storage/client.js';
import { upsertMentions } from '../../../storage/mentions.js';
import { recentStories } from '../../../storage/stories.js';
import { mention, useTestStore } from './helpers.js';

const DAY = 86_400_000;

let store: Store;
useTestStore(async (opened) => {
  store = opened;
  // The seed window is relative to the engine's clock, so these are too.
  const now = Date.now();
  await upsertMentions(store, [
    mention({ native_id: 'a1', story_id: 'sa', published_at: now - 3 * DAY, title: 'Outage', text: 'down' }),
    mention({ native_id: 'a2', source_id: 'hn', story_id: 'sa', published_at: now - 60_000, text: 'down' }),
    mention({ native_id: 'b1', story_id: 'sb', published_at: now - DAY, text: "it's 😀" }),
    mention({ native_id: 'old', story_id: 'so', published_at: now - 8 * DAY, text: 'ancient' }),
  ]);
});

describe('recentStories', () => {
  it('returns each story active in the window once, most recently active first', async () => {
    const stories = await recentStories(store, { days: 7, limit: 10 });
    expect(stories.map((s) => s.storyId)).toEqual(['sa', 'sb']);
    expect(stories[1]).toEqual({ storyId: 'sb', title: null, text: "it's 😀" });
    expect(stories[0]!.text).toBe('down');
  });

  it('honours the limit and the window', async () => {
    expect((await recentStories(store, { days: 7, limit: 1 })).map((s) => s.storyId)).toEqual(['sa']);
    expect((await recentStories(store, { days: 30, limit: 10 })).map((s) => s.storyId)).toEqual([
      'sa',
      'sb',
      'so',
    ]);
  });
});
