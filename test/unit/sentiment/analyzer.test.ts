import { describe, expect, it } from 'vitest';
import { ASPECTS, createAnalyzer, createBaselineAnalyzer, scorerVersion } from '../../../sentiment/index.js';

const analyzer = createAnalyzer();

describe('createAnalyzer', () => {
  it('scores the issue example as negative with support and price aspects', () => {
    const r = analyzer.analyze('the support team was useless, still waiting for my refund 😡');
    expect(r.label).toBe('negative');
    expect(r.sentiment).toBeLessThan(-0.3);
    expect(r.lang).toBe('en');
    const aspects = r.aspects.map((a) => a.aspect);
    expect(aspects).toEqual(expect.arrayContaining(['support', 'price', 'wait_time']));
    for (const a of r.aspects) expect(a.sentiment).toBeLessThan(0);
  });

  it.each([
    ['Thanks @acmeair, the crew was amazing and so friendly! #happycustomer', 'positive'],
    ['Love the new app update, checkout is so smooth now :)', 'positive'],
    ['on hold for 2 hours and no response. NOT impressed', 'negative'],
    ['flight delayed again, missed my connection. never flying with them again', 'negative'],
    ['My flight leaves at 5pm from gate 12', 'neutral'],
  ])('labels %j as %s', (text, label) => {
    expect(analyzer.analyze(text).label).toBe(label);
  });

  it('scores each aspect on the clause that mentions it', () => {
    const r = analyzer.analyze('I love the app, but delivery took three weeks and the package was damaged');
    const delivery = r.aspects.find((a) => a.aspect === 'delivery');
    expect(delivery?.sentiment).toBeLessThan(0);
  });

  it.each(['', '   ', 'https://t.co/abc123', '@someone https://example.com/x'])(
    'returns unscored for %j',
    (text) => {
      expect(analyzer.analyze(text)).toEqual({
        sentiment: 0,
        label: 'unscored',
        confidence: 0,
        aspects: [],
        lang: 'und',
      });
    },
  );

  it('never throws on hostile input and stays in range', () => {
    const inputs = [
      '\ud800\udc00\ud800 lone surrogates \udfff',
      '\u0000\u0001\u0007 control chars \u001b[31m',
      'a'.repeat(100_000),
      '😡'.repeat(5000),
      'good '.repeat(25_000),
      '!!!???...,,,',
      ':) :( <3 </3',
      '#NeverAgain #BestDayEver',
      undefined as unknown as string,
    ];
    for (const text of inputs) {
      const r = analyzer.analyze(text);
      expect(r.sentiment).toBeGreaterThanOrEqual(-1);
      expect(r.sentiment).toBeLessThanOrEqual(1);
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('is deterministic', () => {
    const text = 'Terrible service, but the staff were lovely 🙏';
    expect(createAnalyzer().analyze(text)).toEqual(analyzer.analyze(text));
  });

  it('scores supported non-English languages lexicon-only and declines the rest', () => {
    const es = analyzer.analyze('El servicio fue excelente, muy amable');
    expect(es).toMatchObject({ lang: 'es', label: 'positive' });
    const de = analyzer.analyze('Das ist nicht gut, der Service war sehr schlecht');
    expect(de).toMatchObject({ lang: 'de', label: 'negative' });
    const ru = analyzer.analyze('Обслуживание было ужасным, я никогда больше не полечу этой авиакомпанией');
    expect(ru).toMatchObject({ lang: 'ru', label: 'unscored', sentiment: 0 });
  });

  it('keeps short English posts English', () => {
    for (const text of ['lol no', 'meh', 'worst airline ever', 'great job guys', 'ok thx']) {
      expect(analyzer.analyze(text).lang).toBe('en');
    }
  });

  it('documents stable aspect ids', () => {
    expect(ASPECTS).toEqual([
      'support',
      'staff',
      'wait_time',
      'price',
      'quality',
      'delivery',
      'website_app',
      'reliability',
    ]);
  });
});

describe('brand overrides', () => {
  const brands = { skate: { overrides: { sick: 4 }, ignore: ['Dead Pool'] } };
  const withBrands = createAnalyzer({ brands });

  it('apply only to the brand named in the hints', () => {
    const text = 'this new deck is sick';
    expect(withBrands.analyze(text, { brand: 'skate' }).label).toBe('positive');
    expect(withBrands.analyze(text).label).toBe('negative');
    expect(withBrands.analyze(text, { brand: 'other' }).label).toBe('negative');
  });

  it('remove ignored phrases before scoring', () => {
    expect(withBrands.analyze('Dead Pool wheels restocked', { brand: 'skate' }).label).toBe('neutral');
  });

  it('change the version, whatever the key order', () => {
    expect(withBrands.version).not.toBe(analyzer.version);
    expect(withBrands.version).toMatch(/^earshot-sentiment@lr16-[0-9a-f]{10}-cs[0-9a-f]{10}\+b[0-9a-f]{10}$/);
    const a = scorerVersion('m', {
      x: { overrides: { a: 1, b: 2 }, ignore: [] },
      y: { overrides: {}, ignore: ['z'] },
    });
    const b = scorerVersion('m', {
      y: { overrides: {}, ignore: ['z'] },
      x: { overrides: { b: 2, a: 1 }, ignore: [] },
    });
    expect(a).toBe(b);
    expect(scorerVersion('m', { x: { overrides: { a: 2 }, ignore: [] } })).not.toBe(a);
    expect(scorerVersion('m', { x: { overrides: {}, ignore: [] } })).toBe('earshot-sentiment@m');
  });
});

describe('createBaselineAnalyzer', () => {
  it('maps natural AFINN scores to labels', () => {
    const b = createBaselineAnalyzer();
    expect(b.analyze('I love this, it is great').label).toBe('positive');
    expect(b.analyze('this is awful and bad').label).toBe('negative');
    expect(b.analyze('the train leaves at noon').label).toBe('neutral');
    expect(b.analyze('').label).toBe('unscored');
  });
});
