/** Evidence: one mention per story, drivers ranked by how far their share moved, and the two-second sentence. */
import { describe, expect, it } from 'vitest';
import {
  buildEvidence,
  drivers,
  onePerStory,
  type MentionCandidate,
} from '../../../alerts/evidence/index.js';

const m = (id: string, storyId: string, engagement: number): MentionCandidate => ({
  source: 'reddit',
  sourceId: 'reddit-main',
  url: `https://reddit.example/${id}`,
  author: 'a',
  title: null,
  text: `text ${id}`,
  publishedAt: 0,
  sentiment: -0.8,
  engagement,
  storyId,
});

describe('evidence', () => {
  it('keeps the most engaging mention of each story', () => {
    const kept = onePerStory([m('1', 's1', 90), m('2', 's1', 80), m('3', 's2', 70), m('4', '', 60)], 5);
    expect(kept.map((x) => x.url)).toEqual([
      'https://reddit.example/1',
      'https://reddit.example/3',
      'https://reddit.example/4',
    ]);
  });

  it('ranks drivers by the rise of their share against the baseline', () => {
    const d = drivers(
      [
        { name: 'support', count: 10 },
        { name: 'wait_time', count: 30 },
        { name: 'price', count: 10 },
      ],
      [
        { name: 'support', count: 10 },
        { name: 'wait_time', count: 2 },
        { name: 'price', count: 40 },
      ],
    );
    expect(d.map((x) => x.name)).toEqual(['wait_time', 'support', 'price']);
    expect(d[0]!.share).toBeCloseTo(0.6);
    expect(d[0]!.baselineShare).toBeCloseTo(2 / 52);
  });

  it('writes the sentence: metric, strength, driving aspects, sources', () => {
    const { summary, evidence } = buildEvidence({
      brandName: 'Acme Air',
      kind: 'negative_spike',
      scopeType: 'brand',
      scope: '',
      windowStart: 1_000_000,
      windowEnd: 1_300_000,
      observed: 41,
      expected: 6,
      spread: 2,
      strength: '41 in the last 15 min, 6.8× the usual for a Tuesday 10:00 (6 ± 2)',
      mentions: [m('1', 's1', 9)],
      window: {
        volume: 60,
        negative: 41,
        sources: [
          { name: 'reddit-main', label: 'reddit', count: 30 },
          { name: 'bsky', label: 'bluesky', count: 11 },
        ],
        aspects: [
          { name: 'wait_time', count: 25 },
          { name: 'support', count: 10 },
        ],
      },
      baseline: {
        sources: [
          { name: 'reddit-main', count: 10 },
          { name: 'bsky', count: 1 },
          { name: 'rss', count: 40 },
        ],
        aspects: [{ name: 'price', count: 10 }],
      },
    });
    expect(summary).toBe(
      'Negative mentions of Acme Air: 41 in the last 15 min, 6.8× the usual for a Tuesday 10:00 (6 ± 2), ' +
        'driven by wait_time and support, mostly on Reddit and Bluesky.',
    );
    expect(evidence.counts).toMatchObject({ volume: 60, negative: 41 });
    expect(evidence.mentions[0]).not.toHaveProperty('storyId');
  });
});
