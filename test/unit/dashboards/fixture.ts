/**
 * A small hand-checked data set for the panel tests: two brands, two sources, reviews with ratings, aspects,
 * a story seen twice, an unscored mention, and ingest runs. The expected numbers in the tests are worked out
 * by hand from this list (see the comments beside each mention).
 */
import type { Mention } from '../../../core/mention.js';

const HOUR = 3_600_000;
/** 2026-03-02 10:00 UTC */
export const T0 = Date.UTC(2026, 2, 2, 10);

let n = 0;
function m(overrides: Partial<Mention>): Mention {
  n += 1;
  return {
    source: 'reddit',
    source_id: 'reddit-main',
    native_id: `id-${n}`,
    brand: 'acme',
    kind: 'post',
    url: `https://example.com/${n}`,
    author: `author-${n}`,
    text: `text ${n}`,
    lang: 'en',
    published_at: T0,
    fetched_at: T0 + 12 * HOUR,
    engagement: { likes: 0, shares: 0, replies: 0, score: 0 },
    sentiment: 0,
    label: 'neutral',
    confidence: 0.8,
    aspects: [],
    scorer_version: 'v1',
    story_id: `story-${n}`,
    ...overrides,
  };
}

const review = (stars: number, o: Partial<Mention>): Partial<Mention> => ({
  source: 'appstore',
  source_id: 'appstore-us',
  kind: 'review',
  rating: { value: stars, scale: 5 },
  ...o,
});

/**
 * acme (7 mentions: P 2, N 3, neutral 1, unscored 1; authors alice ×2, bob, carol, dave, frank, gina = 6;
 * engagement 6 + 10 + 10 = 26; reviews 5★ 2★ 4★) and globex (2 mentions: P 1, N 1).
 */
export const FIXTURE_MENTIONS: Mention[] = [
  // acme, hour T0
  m({
    author: 'alice',
    label: 'positive',
    sentiment: 0.6,
    engagement: { likes: 3, shares: 1, replies: 2, score: 0 },
    aspects: [{ aspect: 'support', sentiment: 0.7 }],
  }),
  m({
    author: 'bob',
    label: 'negative',
    sentiment: -0.8,
    published_at: T0 + 30 * 60_000,
    engagement: { likes: 10, shares: 0, replies: 0, score: 0 },
    story_id: 'story-shared',
    aspects: [
      { aspect: 'wait_time', sentiment: -0.6 },
      { aspect: 'support', sentiment: -0.5 },
    ],
  }),
  // acme, hour T0+1h: same story as bob's, as engaging, less negative: the top table shows bob's only
  m({
    author: 'carol',
    label: 'negative',
    sentiment: -0.5,
    published_at: T0 + HOUR,
    engagement: { likes: 10, shares: 0, replies: 0, score: 0 },
    story_id: 'story-shared',
  }),
  // acme, hour T0+2h: reviews
  m(review(5, { author: 'dave', label: 'positive', sentiment: 0.9, published_at: T0 + 2 * HOUR })),
  m(
    review(2, {
      author: 'frank',
      label: 'negative',
      sentiment: -0.7,
      published_at: T0 + 2 * HOUR + 60_000,
      aspects: [{ aspect: 'price', sentiment: -0.4 }],
    }),
  ),
  // acme, hour T0+3h
  m(review(4, { author: 'gina', label: 'neutral', sentiment: 0.1, published_at: T0 + 3 * HOUR })),
  m({
    author: 'alice',
    label: 'unscored',
    sentiment: 0,
    confidence: 0,
    published_at: T0 + 3 * HOUR + 60_000,
  }),
  // globex
  m({
    brand: 'globex',
    author: 'erin',
    label: 'positive',
    sentiment: 0.5,
    published_at: T0 + HOUR,
    engagement: { likes: 1, shares: 0, replies: 0, score: 0 },
  }),
  m({
    brand: 'globex',
    author: 'hank',
    label: 'negative',
    sentiment: -0.3,
    published_at: T0 + 5 * HOUR,
    engagement: { likes: 2, shares: 0, replies: 0, score: 0 },
    aspects: [{ aspect: 'support', sentiment: -0.3 }],
  }),
];

/**
 * initech: one very engaging mention stored negative by scorer v1, then rescored positive by v2 (a second
 * stored version of the same key): tables must show only its latest state.
 */
export const RESCORED_FIRST: Mention = m({
  brand: 'initech',
  author: 'ivan',
  label: 'negative',
  sentiment: -0.9,
  published_at: T0 + 4 * HOUR,
  engagement: { likes: 100, shares: 0, replies: 0, score: 0 },
});
export const RESCORED_LATEST: Mention = {
  ...RESCORED_FIRST,
  label: 'positive',
  sentiment: 0.7,
  scorer_version: 'v2',
};
