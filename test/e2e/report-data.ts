/** Mentions of the demo brands over two days, for report tests that do not need `earshot up`. */
import type { Mention } from '../../core/mention.js';

const HOUR = 3_600_000;
const LABELS = ['positive', 'neutral', 'negative'] as const;
const ASPECTS = ['support', 'refunds', 'delays', 'price'];

/** About 600 mentions per brand, hourly from `end − 48 h` to `end`, labels and aspects varying by hour. */
export function reportMentions(brands: readonly string[], end: number): Mention[] {
  const out: Mention[] = [];
  brands.forEach((brand, b) => {
    for (let h = 0; h < 48; h++) {
      for (let i = 0; i < 12 + ((h + b) % 5); i++) {
        const label = LABELS[(h + i + b) % 3]!;
        const sentiment = label === 'positive' ? 0.6 : label === 'negative' ? -0.6 : 0;
        const id = `${brand}-${h}-${i}`;
        out.push({
          source: 'rss',
          source_id: 'fixture',
          native_id: id,
          brand,
          kind: i % 4 === 0 ? 'review' : 'post',
          url: `https://example.com/${id}`,
          author: `author${i}`,
          text: `${label} mention ${id} about ${ASPECTS[i % 4]}`,
          lang: 'en',
          published_at: end - (48 - h) * HOUR + i * 60_000,
          fetched_at: end,
          engagement: { likes: i, shares: 0, replies: h % 3, score: 0 },
          ...(i % 4 === 0
            ? { rating: { value: label === 'positive' ? 5 : label === 'negative' ? 1 : 3, scale: 5 } }
            : {}),
          sentiment,
          label,
          confidence: 0.8,
          aspects: [{ aspect: ASPECTS[i % 4]!, sentiment }],
          scorer_version: 'test',
          story_id: id,
        });
      }
    }
  });
  return out;
}
