import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../sentiment/index.js';

const analyzer = createAnalyzer();
const label = (text: string): string => analyzer.analyze(text).label;

describe('customer-service tweets', () => {
  it.each([
    'thanks for nothing @airline, 3 hours on hold',
    '@airline still no word on my lost bag, this is ridiculous',
    'flight cancelled, no one at the desk, never again #fail',
    'great job @carrier, delayed 4 hours and no response to my DMs',
    '@acme the support was not helpful at all',
    '@acme charged me twice and still no refund',
    '@united delayed again. great.',
    '@carrier flight cancelled again, second time this week',
  ])('reads the complaint %j as negative', (text) => {
    expect(label(text)).toBe('negative');
  });

  it.each([
    'shoutout to @acme support, fixed in minutes!',
    'thank you so much @airline, the crew went above and beyond',
    'kudos to the team at @acme, very responsive',
    '@bank you guys rock, issue taken care of right away',
  ])('reads the praise %j as positive', (text) => {
    expect(label(text)).toBe('positive');
  });

  it('negates praise inside the negation scope', () => {
    const praise = analyzer.analyze('@acme the agent was helpful and friendly');
    const negated = analyzer.analyze('@acme the agent was not helpful and not friendly');
    expect(praise.label).toBe('positive');
    expect(negated.label).toBe('negative');
    expect(negated.sentiment).toBeLessThan(praise.sentiment);
  });

  it('keeps plain-ASCII brand tweets English unless the other language shows its function words', () => {
    for (const text of [
      'Love love love iOS 5!! @apple',
      'Refund denied! Great staff.',
      'Cancelled Flightled, rebook asap',
    ])
      expect(analyzer.analyze(text).lang).toBe('en');
    expect(analyzer.analyze('El servicio fue excelente, muy amable').lang).toBe('es');
  });

  it('keeps plain questions to a brand neutral', () => {
    expect(label('@airline what is the baggage allowance for flights to Denver?')).toBe('neutral');
  });
});

describe('aspects from the single extraction pass', () => {
  it('scores each sentence of a long review on its own', () => {
    const review =
      'The staff at the counter were lovely and friendly. ' +
      'The refund took three months and I was charged twice for the same ticket. ' +
      'Delivery was quick and the package arrived on time.';
    const r = analyzer.analyze(review.repeat(5));
    const score = (a: string): number | undefined => r.aspects.find((x) => x.aspect === a)?.sentiment;
    expect(score('staff')).toBeGreaterThan(0);
    expect(score('price')).toBeLessThan(0);
    expect(score('delivery')).toBeGreaterThan(0);
    for (const a of r.aspects) expect(Math.abs(a.sentiment)).toBeLessThanOrEqual(1);
  });

  it('copes with thousands of sentences', () => {
    const r = analyzer.analyze('The refund was denied! The staff were great. '.repeat(1000));
    expect(r.aspects.map((a) => a.aspect)).toEqual(expect.arrayContaining(['price', 'staff']));
    for (const a of r.aspects) expect(Math.abs(a.sentiment)).toBeLessThanOrEqual(1);
    expect(analyzer.analyze('the app. '.repeat(3000)).label).not.toBe('unscored');
  });

  it('gives the same result with and without a warm word cache', () => {
    const text = 'Terrible app, crashes on login. But the support agent was great and quick!';
    const first = createAnalyzer().analyze(text);
    expect(analyzer.analyze(text)).toEqual(first);
  });
});
