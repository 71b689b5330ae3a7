import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_DISTANCE,
  StoryIndex,
  fingerprint,
  fingerprintToHex,
  hammingDistance,
  normalizedWords,
} from '../../../matching/index.js';

interface LabeledPair {
  a: string;
  b: string;
  duplicate: boolean;
  note: string;
}

const pairs: LabeledPair[] = readFileSync(
  new URL('../../fixtures/near-duplicates.jsonl', import.meta.url),
  'utf8',
)
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as LabeledPair);

describe('fingerprint', () => {
  it('is a deterministic unsigned 64-bit value', () => {
    const fp = fingerprint('Acme Air cancels 300 flights as a snowstorm hits Denver');
    expect(typeof fp).toBe('bigint');
    expect(fp).toBeGreaterThanOrEqual(0n);
    expect(fp).toBeLessThan(1n << 64n);
    expect(fingerprint('Acme Air cancels 300 flights as a snowstorm hits Denver')).toBe(fp);
    expect(fingerprintToHex(fp)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('ignores what syndication adds: publisher suffix, Read more, tracking links, RT prefix', () => {
    const base = fingerprint('Acme Air cancels 300 flights as a snowstorm hits Denver');
    for (const variant of [
      'Acme Air cancels 300 flights as a snowstorm hits Denver - Reuters',
      'Acme Air Cancels 300 Flights As A Snowstorm Hits Denver | AP News',
      'RT @wire: Acme Air cancels 300 flights as a snowstorm hits Denver https://t.co/x?utm_source=tw',
      'Acme Air cancels 300 flights as a snowstorm hits Denver. Read more: https://example.com/a',
    ]) {
      expect(hammingDistance(base, fingerprint(variant))).toBe(0);
    }
  });

  it('keeps unrelated texts far apart', () => {
    const a = fingerprint('Acme Air cancels 300 flights as a snowstorm hits Denver');
    const b = fingerprint('Globex quarterly revenue rises on strong cloud demand in Europe');
    expect(hammingDistance(a, b)).toBeGreaterThan(DEFAULT_MAX_DISTANCE * 2);
  });

  it('normalizes case, accents, links, mentions and punctuation', () => {
    expect(normalizedWords('RT @x: Crème BRÛLÉE at Café Zoë!!! https://t.co/abc')).toEqual([
      'creme',
      'brulee',
      'cafe',
      'zoe',
    ]);
  });

  it('gives short texts an exact-text hash, so one different word or emoji keeps them apart', () => {
    expect(fingerprint('Acme Air 👍')).not.toBe(fingerprint('Acme Air 👎'));
    expect(fingerprint('love acme air')).toBe(fingerprint('Love  Acme Air'));
    expect(fingerprint('https://t.co/a')).not.toBe(fingerprint('https://t.co/b'));
  });
});

describe('hammingDistance', () => {
  it('counts differing bits across both halves', () => {
    expect(hammingDistance(0n, 0n)).toBe(0);
    expect(hammingDistance(0n, (1n << 64n) - 1n)).toBe(64);
    expect(hammingDistance(1n, 1n << 63n)).toBe(2);
  });
});

describe('StoryIndex', () => {
  it('puts near-duplicates in the first text’s story and reports what they duplicate', () => {
    const index = new StoryIndex();
    const first = index.assign('Stark Motors opens its first European factory in Lisbon - Automotive News');
    const second = index.assign('Stark Motors opens its first European factory in Lisbon | Yahoo Finance');
    const other = index.assign('Wayne Bank sued by customers over hidden overdraft fees on student accounts');
    expect(first.storyId).toBe(fingerprintToHex(first.fingerprint));
    expect(first.duplicateOf).toBeUndefined();
    expect(second.storyId).toBe(first.storyId);
    expect(second.duplicateOf).toBe(fingerprintToHex(first.fingerprint));
    expect(second.distance).toBe(0);
    expect(other.storyId).not.toBe(first.storyId);
  });

  it('gives a re-ingested text the same story id in a fresh index', () => {
    const text = 'Hooli fined 50 million euros by the French regulator over cookie consent';
    expect(new StoryIndex().assign(text).storyId).toBe(new StoryIndex().assign(text).storyId);
  });

  it('finds every stored fingerprint within maxDistance (banded lookup is exact)', () => {
    const index = new StoryIndex({ maxDistance: 5 });
    const base = 0x0123456789abcdefn;
    index.add('story-1', base);
    // Flip 5 bits spread over different bands: still found; 6 bits: not.
    const five = base ^ (1n | (1n << 13n) | (1n << 27n) | (1n << 41n) | (1n << 63n));
    expect(index.lookup(five)).toEqual({ storyId: 'story-1', distance: 5 });
    expect(index.lookup(five ^ (1n << 50n))).toBeNull();
  });

  it('forgets the oldest fingerprints beyond capacity', () => {
    const index = new StoryIndex({ capacity: 2 });
    index.add('a', 1n);
    index.add('b', 1n << 20n);
    index.add('c', 1n << 40n);
    expect(index.size).toBe(2);
    expect(index.lookup(1n)?.storyId).not.toBe('a');
    expect(index.lookup(1n << 40n)?.storyId).toBe('c');
  });

  it('keeps a repeated fingerprint until its last copy is evicted, answering from its most recent copy', () => {
    const index = new StoryIndex({ capacity: 3 });
    index.add('old', 0xffffn);
    index.add('new', 0xffffn);
    index.add('other', 0xffffn << 16n);
    expect(index.lookup(0xffffn)).toEqual({ storyId: 'new', distance: 0 });
    index.add('x', 0xffffn << 32n); // evicts 'old': 'new' still holds the fingerprint
    expect(index.lookup(0xffffn)).toEqual({ storyId: 'new', distance: 0 });
    index.add('y', 0xffffn << 48n); // evicts 'new'
    expect(index.lookup(0xffffn)).toBeNull();
    expect(index.toJSON().entries.map(([id]) => id)).toEqual(['other', 'x', 'y']);
  });

  it('assigns a text repeated across evictions the same way every time', () => {
    const text = 'Acme Air cancels 200 flights as storm hits Denver airport today';
    const index = new StoryIndex({ capacity: 2 });
    const first = index.assign(text);
    for (let i = 0; i < 5; i++) {
      expect(index.assign(text)).toEqual({
        ...first,
        duplicateOf: fingerprintToHex(first.fingerprint),
        distance: 0,
      });
    }
    index.assign('Globex quarterly earnings beat expectations on strong cloud revenue growth');
    index.assign('Initech recalls phones after battery overheating reports in three countries');
    expect(index.assign(text)).toEqual(first);
  });

  it('round-trips through JSON', () => {
    const index = new StoryIndex({ capacity: 3 });
    for (const p of pairs.slice(0, 5)) index.assign(p.a);
    const copy = StoryIndex.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
    expect(copy.toJSON()).toEqual(index.toJSON());
    expect(copy.size).toBe(3);
    const probe = pairs[4] as LabeledPair;
    expect(copy.assign(probe.a).storyId).toBe(index.assign(probe.a).storyId);
  });

  it('rejects a maxDistance outside 0–15', () => {
    expect(() => new StoryIndex({ maxDistance: 16 })).toThrow(RangeError);
  });

  it('reaches precision ≥ 0.95 and recall ≥ 0.8 on the labeled near-duplicate set', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(60);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const pair of pairs) {
      const index = new StoryIndex();
      const merged = index.assign(pair.a).storyId === index.assign(pair.b).storyId;
      if (merged && pair.duplicate) tp++;
      else if (merged) fp++;
      else if (pair.duplicate) fn++;
    }
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.95);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.8);
  });

  it('does not merge unrelated texts of the labeled set when they share one index', () => {
    const index = new StoryIndex();
    const storyOf = new Map<string, string>();
    for (const p of pairs) for (const t of [p.a, p.b]) storyOf.set(t, index.assign(t).storyId);
    const negatives = pairs.filter((p) => !p.duplicate);
    const merged = negatives.filter((p) => storyOf.get(p.a) === storyOf.get(p.b));
    expect(merged.map((p) => p.note)).toEqual([]);
  });
});
