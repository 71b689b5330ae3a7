import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyCorrection } from '../../../core/correction.js';
import { createAnalyzer } from '../../../sentiment/index.js';
import { correctionKey, learnCorrections } from '../../../sentiment/corrections.js';
import { evaluateCorrections, readCorrectionsFile } from '../../../sentiment/eval/corrections.js';

const base = createAnalyzer();
const sick = [
  { text: 'that new deck is sick', label: 'positive' as const },
  { text: 'sick griptape on the pro model', label: 'positive' as const },
  { text: 'the bowl session was sick', label: 'positive' as const },
];

describe('corrections teach the analyzer per brand', () => {
  it('keeps a corrected text at its corrected label (URLs, handles and punctuation aside)', () => {
    const text = '@shredco the new deck is sick!! https://x.co/1';
    expect(base.analyze(text, { brand: 'shredco' }).label).not.toBe('positive');
    const taught = createAnalyzer({
      corrections: { shredco: [{ text, label: 'positive', aspects: { quality: 'positive' } }] },
    });
    const r = taught.analyze('the new deck is sick', { brand: 'shredco' });
    expect(r).toMatchObject({ label: 'positive', confidence: 1 });
    expect(r.sentiment).toBeGreaterThan(0);
    expect(r.aspects).toContainEqual({ aspect: 'quality', sentiment: 0.5 });
    // Only for that brand.
    expect(taught.analyze('the new deck is sick', { brand: 'other' }).label).toBe(
      base.analyze('the new deck is sick').label,
    );
    expect(correctionKey('@a The   DECK, is sick!')).toBe('the deck is sick');
  });

  it('learns terms that corrections keep pointing to, and shifts similar mentions', () => {
    expect(learnCorrections(sick).terms.get('sick')).toMatchObject({ k: 2 });
    expect(learnCorrections(sick).terms.get('sick')!.shift).toBeCloseTo(4.8);
    expect(learnCorrections(sick.slice(0, 1)).terms.size).toBe(0); // one correction is not a pattern
    const taught = createAnalyzer({ corrections: { shredco: sick } });
    const unseen = 'these wheels are sick';
    expect(base.analyze(unseen, { brand: 'shredco' }).label).toBe('negative');
    expect(taught.analyze(unseen, { brand: 'shredco' }).label).toBe('positive');
  });

  it('puts corrections into the scorer version', () => {
    const a = createAnalyzer({ corrections: { shredco: sick } });
    const b = createAnalyzer({ corrections: { shredco: [...sick].reverse() } });
    const c = createAnalyzer({ corrections: { shredco: sick.slice(1) } });
    expect(a.version).toMatch(/\+c[0-9a-f]{10}$/);
    expect(a.version).toBe(b.version);
    expect(c.version).not.toBe(a.version);
    expect(createAnalyzer({ corrections: {} }).version).toBe(base.version);
  });

  it('measures the effect on held-back corrections (the example file)', () => {
    const file = fileURLToPath(
      new URL('../../../sentiment/data/dev/corrections-example.tsv', import.meta.url),
    );
    const report = evaluateCorrections(readCorrectionsFile(file), base, (byBrand) =>
      createAnalyzer({ corrections: byBrand }),
    );
    expect(report.heldBack).toBeGreaterThan(5);
    expect(report.taught + report.heldBack).toBe(48);
    expect(report.after.accuracy).toBeGreaterThan(report.before.accuracy);
  });

  it('applies a correction with a consistent score and confidence 1', () => {
    const m = {
      label: 'positive' as const,
      sentiment: 0.4,
      confidence: 0.7,
      aspects: [{ aspect: 'support', sentiment: 0.4 }],
    };
    expect(
      applyCorrection(m, { label: 'negative', aspects: { support: 'negative', price: 'negative' } }),
    ).toEqual({
      label: 'negative',
      sentiment: -0.5,
      confidence: 1,
      aspects: [
        { aspect: 'support', sentiment: -0.5 },
        { aspect: 'price', sentiment: -0.5 },
      ],
    });
    expect(applyCorrection({ ...m, sentiment: 0.1 }, { label: 'neutral' }).sentiment).toBe(0.1);
    expect(applyCorrection(m, { label: 'neutral' }).sentiment).toBe(0);
  });
});
