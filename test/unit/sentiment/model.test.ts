import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SentimentError } from '../../../core/errors.js';
import { DEFAULT_MODEL_URL, loadModel, parseModel } from '../../../sentiment/model.js';
import { parseCsv } from '../../../sentiment/eval/csv.js';
import { macroF1, recalls } from '../../../sentiment/eval/metrics.js';

describe('model file', () => {
  it('loads the committed model', () => {
    const m = loadModel();
    expect(m.id).toMatch(/^lr16-[0-9a-f]{10}$/);
    expect(m.buckets).toBe(131072);
  });

  it('stays under 1 MB on disk', () => {
    expect(statSync(DEFAULT_MODEL_URL).size).toBeLessThan(1024 * 1024);
  });

  it('rejects a missing or corrupt file with a SentimentError naming the fix', () => {
    expect(() => loadModel(new URL('file:///nonexistent/model.json'))).toThrow(SentimentError);
    expect(() => parseModel('{not json', 'x.json')).toThrow(/npm run train/);
    expect(() => parseModel('{"format":1}', 'x.json')).toThrow(/unexpected shape/);
  });
});

describe('eval helpers', () => {
  it('parses quoted CSV with embedded newlines and quotes', () => {
    expect(parseCsv('a,"b ""x""",c\r\n"1\n2",3,\n')).toEqual([
      ['a', 'b "x"', 'c'],
      ['1\n2', '3', ''],
    ]);
  });

  it('computes macro-F1 and recalls', () => {
    const gold = [0, 0, 1, 2, 2];
    const pred = [0, 1, 1, 2, 0];
    expect(recalls(gold, pred, 3)).toEqual([0.5, 1, 0.5]);
    expect(macroF1(gold, pred, 3)).toBeCloseTo((0.5 + 2 / 3 + 2 / 3) / 3, 6);
  });
});
