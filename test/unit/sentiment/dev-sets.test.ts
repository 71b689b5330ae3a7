import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEvalSets } from '../../../sentiment/eval/dev-sets.js';
import { sharedDir } from '../../support/shared.js';

describe('loadEvalSets (shared DEV folder)', () => {
  it('reads every labeled file with the row counts and label mappings of its README', () => {
    const sets = loadEvalSets(join(sharedDir(), 'data', 'sentiment'));
    const count = (name: string, label: number): number =>
      sets.find((s) => s.name === name)?.items.filter((i) => i.label === label).length ?? -1;
    expect(sets).toHaveLength(9);
    // pos / neu / neg as listed in data/sentiment/README.md
    expect([2, 1, 0].map((l) => count('sentiment140_test/testdata.manual.2009.06.14.csv', l))).toEqual([
      182, 139, 177,
    ]);
    expect([2, 1, 0].map((l) => count('semeval2017_task4a_test_tweeteval/test_text.txt', l))).toEqual([
      2375, 5937, 3972,
    ]);
    expect([2, 1, 0].map((l) => count('vader_hutto_icwsm2014/tweets_GroundTruth.txt', l))).toEqual([
      2700, 297, 1203,
    ]);
    expect([2, 0].map((l) => count('uci_sentiment_labelled_sentences/imdb_labelled.txt', l))).toEqual([
      500, 500,
    ]);
  });
});
