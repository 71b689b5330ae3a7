import { describe, expect, it } from 'vitest';
import type { BrandQuery } from '../../../core/connector.js';
import { demoConnector, type DemoCursor } from '../../../connectors/demo/index.js';
import { outageBrand } from '../../../connectors/demo/generate.js';
import { DEFAULT_BRANDS, runConformanceSuite, SUITE_NOW } from './conformance.js';
import { drain as drainPages, instance } from './support.js';

runConformanceSuite<unknown, DemoCursor>({
  definition: demoConnector as never,
  options: () => ({ seed: 7 }),
  cursorPosition: (c) => c.generatedUntil,
  pages: [
    { title: 'first poll backfills 24 h', setup: () => {}, minMentions: 1000 },
    { title: 'poll from 10 minutes ago', setup: () => {}, cursor: { generatedUntil: SUITE_NOW - 600_000 } },
  ],
  backfill: {
    range: { from: Date.parse('2026-04-01T10:00:00Z'), to: Date.parse('2026-04-01T16:30:00Z') },
    pages: [{ title: 'generated [from, to), oldest first', setup: () => {}, minMentions: 1000 }],
    direction: 'forward',
  },
});

const brands: BrandQuery[] = [...DEFAULT_BRANDS, { key: 'initech', name: 'Initech', query: 'initech' }];
const demo = (options: Record<string, unknown>, now: () => number) =>
  instance(demoConnector, options, { sourceId: 'demo-1', brands, now });

/** Every mention until caught up (at most 500 a page, the default `maxPerPage`) and the final cursor. */
async function drain(connector: ReturnType<typeof demo>, cursor: DemoCursor | null) {
  const pages = await drainPages(connector, cursor, 1000);
  for (const page of pages) expect(page.mentions.length).toBeLessThanOrEqual(500);
  return { all: pages.flatMap((p) => p.mentions), cursor: pages.at(-1)!.cursor };
}

describe('demo specifics', () => {
  it('is deterministic for a seed and clock, and different for another seed', async () => {
    const a = await drain(
      demo({ seed: 1 }, () => SUITE_NOW),
      null,
    );
    const b = await drain(
      demo({ seed: 1 }, () => SUITE_NOW),
      null,
    );
    const c = await drain(
      demo({ seed: 2 }, () => SUITE_NOW),
      null,
    );
    expect(a.all).toEqual(b.all);
    expect(c.all.map((m) => m.native_id)).not.toEqual(a.all.map((m) => m.native_id));
  });

  it('produces hundreds of mentions on the first poll, naming each brand, with kinds and ratings', async () => {
    const { all } = await drain(
      demo({}, () => SUITE_NOW),
      null,
    );
    expect(all.length).toBeGreaterThan(500);
    for (const brand of brands) expect(all.some((m) => m.text.includes(brand.name))).toBe(true);
    expect(new Set(all.map((m) => m.kind))).toEqual(new Set(['post', 'comment', 'review']));
    const reviews = all.filter((m) => m.kind === 'review');
    expect(reviews.every((m) => m.rating && m.rating.scale === 5)).toBe(true);
    expect(all.every((m) => m.published_at < SUITE_NOW && m.published_at >= SUITE_NOW - 24 * 3_600_000)).toBe(
      true,
    );
  });

  it('splits polling into contiguous windows without gaps or duplicates', async () => {
    let now = SUITE_NOW - 3_600_000;
    const connector = demo({ seed: 3 }, () => now);
    const whole = await drain(
      demo({ seed: 3 }, () => SUITE_NOW),
      { generatedUntil: SUITE_NOW - 7_200_000 },
    );
    const first = await drain(connector, { generatedUntil: SUITE_NOW - 7_200_000 });
    now = SUITE_NOW - 1_234_567;
    const second = await drain(connector, first.cursor);
    now = SUITE_NOW;
    const third = await drain(connector, second.cursor);
    expect([...first.all, ...second.all, ...third.all]).toEqual(whole.all);
  });

  it('has a negative outage burst for one brand every spikeEveryHours', async () => {
    const settings = { seed: 5, ratePerMinute: 6, spikeEveryHours: 4 };
    const startHour = Math.floor(SUITE_NOW / 3_600_000) - 24;
    const outages = Array.from({ length: 24 }, (_, i) => outageBrand(settings, brands, startHour + i));
    expect(outages.filter(Boolean)).toHaveLength(6);
    const { all } = await drain(
      demo(settings, () => SUITE_NOW),
      null,
    );
    const outageTexts = all.filter((m) => /down|outage|broken|failing/i.test(m.text));
    expect(outageTexts.length).toBeGreaterThan(100);
  });

  describe('backlog', () => {
    const DAY = 86_400_000;
    const options = { seed: 9, backlog: 1234, maxPerPage: 500, backfillHours: 1 };
    /** The mentions of the first `count` pages from `cursor`. */
    const firstPages = async (
      connector: ReturnType<typeof demo>,
      cursor: DemoCursor | null,
      count: number,
    ) => {
      const mentions = [];
      for (let i = 0; i < count; i++) {
        const page = await connector.fetchPage(cursor);
        mentions.push(...page.mentions);
        cursor = page.cursor;
      }
      return mentions;
    };

    it('returns N historical mentions first, in pages, then the stream from backfillHours ago', async () => {
      const connector = demo(options, () => SUITE_NOW);
      const pages = await drainPages(connector, null, 100);
      expect(pages.slice(0, 3).map((p) => p.mentions.length)).toEqual([500, 500, 234]);
      expect(pages.slice(0, 3).every((p) => p.mentions.every((m) => m.native_id.includes('-backlog-')))).toBe(
        true,
      );
      expect(pages[2]!.cursor).toEqual({ generatedUntil: SUITE_NOW - 3_600_000 });
      const stream = pages.slice(3).flatMap((p) => p.mentions);
      expect(stream.length).toBeGreaterThan(0);
      expect(
        stream.every((m) => !m.native_id.includes('-backlog-') && m.published_at >= SUITE_NOW - 3_600_000),
      ).toBe(true);
    });

    it('spreads the backlog over the 30 days before the first poll, every brand, all tones, unique ids', async () => {
      const backlog = await firstPages(
        demo(options, () => SUITE_NOW),
        null,
        3,
      );
      expect(backlog).toHaveLength(1234);
      expect(new Set(backlog.map((m) => m.native_id)).size).toBe(1234);
      const times = backlog.map((m) => m.published_at);
      expect(Math.min(...times)).toBeGreaterThanOrEqual(SUITE_NOW - 30 * DAY);
      expect(Math.max(...times)).toBeLessThan(SUITE_NOW);
      expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(29 * DAY);
      for (const brand of brands)
        expect(backlog.filter((m) => m.text.includes(brand.name)).length).toBeGreaterThan(300);
      expect(backlog.some((m) => m.kind === 'review' && m.rating)).toBe(true);
    });

    it('resumes mid-backlog from its cursor with exactly the remaining mentions, even on a later clock', async () => {
      const whole = await firstPages(
        demo(options, () => SUITE_NOW),
        null,
        3,
      );
      const first = await demo(options, () => SUITE_NOW).fetchPage(null);
      expect(first.cursor).toEqual({
        generatedUntil: SUITE_NOW - 3_600_000,
        backlog: { anchor: SUITE_NOW, next: 500 },
      });
      // A worker restarted an hour later re-fetches from the saved cursor: same anchor, same mentions.
      const rest = await firstPages(
        demo(options, () => SUITE_NOW + 3_600_000),
        first.cursor,
        2,
      );
      expect([...first.mentions, ...rest]).toEqual(whole);
    });

    it('is off by default: the first poll starts with the stream', async () => {
      const page = await demo({ seed: 9 }, () => SUITE_NOW).fetchPage(null);
      expect(page.mentions.some((m) => m.native_id.includes('-backlog-'))).toBe(false);
    });
  });
});
