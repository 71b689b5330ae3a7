import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProxySets, textKey } from '../../../sentiment/eval/proxy-sets.js';
import { loadTrainingSet } from '../../../sentiment/training/train-sets.js';
import { sharedDir } from '../../support/shared.js';

const trainDir = (): string => join(sharedDir(), 'data', 'sentiment-train');

describe('proxy held-out sets (brand tweets)', () => {
  it('reads CrowdFlower Apple (labels of its README) and Sanders without "irrelevant"', () => {
    const sets = loadProxySets(trainDir());
    expect(sets.map((s) => s.name)).toEqual([
      'crowdflower_apple (conf >= 0.6, unique)',
      'crowdflower_apple (all rows)',
      'sanders (no irrelevant, unique)',
    ]);
    const all = sets[1]!.items;
    expect([0, 1, 2].map((l) => all.filter((i) => i.label === l).length)).toEqual([1257, 2187, 442]);
    expect(sets[0]!.items.length).toBeLessThan(all.length);
    expect(sets[2]!.items.length).toBeGreaterThan(3000);
    expect(sets[2]!.items.length).toBeLessThanOrEqual(519 + 572 + 2333);
  });

  it('are excluded from the training data', () => {
    const proxy = new Set(loadProxySets(trainDir()).flatMap((s) => s.items.map((i) => textKey(i.text))));
    const training = loadTrainingSet(trainDir());
    expect(training.length).toBeGreaterThan(80_000);
    expect(training.some((ex) => ex.source === 'sanders' || ex.source === 'crowdflower-apple')).toBe(false);
    expect(training.filter((ex) => proxy.has(textKey(ex.text)))).toEqual([]);
  });
});
