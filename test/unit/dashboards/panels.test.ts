/**
 * Every panel query runs on chDB over a hand-checked fixture, with the plugin's macros and Grafana's variable
 * interpolation applied by `expandPanelSql`, for several ranges and variable values; each result has the
 * columns its panel declares, and the key numbers match the fixture worked out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PANELS,
  expandPanelSql,
  grafanaIntervalSeconds,
  panelById,
  type ExpandContext,
  type PanelDefinition,
  type VariableValue,
} from '../../../dashboards/panels/index.js';
import type { Store } from '../../../storage/client.js';
import { upsertMentions } from '../../../storage/mentions.js';
import { runPanelQuery, type PanelQueryResult } from '../../../storage/panel-query.js';
import { openTestStore } from '../storage/helpers.js';
import { FIXTURE_MENTIONS, RESCORED_FIRST, RESCORED_LATEST, T0 } from './fixture.js';
import { seedPipelineFixture } from './pipeline-fixture.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let store: Store;
let cleanup: (() => Promise<void>) | undefined;
// Opening chDB and seeding take seconds on a loaded machine: a longer hook timeout than the default 10 s.
beforeAll(async () => {
  const opened = await openTestStore();
  store = opened.store;
  cleanup = opened.cleanup;
  await upsertMentions(store, FIXTURE_MENTIONS);
  await upsertMentions(store, [RESCORED_FIRST]);
  await upsertMentions(store, [RESCORED_LATEST]);
  await seedPipelineFixture(store);
}, 120_000);
afterAll(async () => cleanup?.());

function ctx(
  from: number,
  to: number,
  variables: Record<string, VariableValue>,
  panel?: PanelDefinition,
): ExpandContext {
  const range = { from: new Date(from), to: new Date(to) };
  return {
    ...range,
    intervalSeconds: grafanaIntervalSeconds(range.from, range.to, {
      minIntervalSeconds: panel?.minIntervalSeconds,
    }),
    variables,
  };
}

async function run(panel: PanelDefinition, context: ExpandContext): Promise<PanelQueryResult> {
  return runPanelQuery(store, expandPanelSql(panel.sql, context));
}

/** The result as objects keyed by column name. */
function objects(result: PanelQueryResult): Record<string, unknown>[] {
  return result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c.name, r[i]])));
}

const RANGES: Array<[string, number, number]> = [
  ['6 h', T0, T0 + 6 * HOUR],
  ['24 h', T0 - 12 * HOUR, T0 + 12 * HOUR],
  ['30 d', T0 - 29 * DAY, T0 + DAY],
  ['1 y', T0 - 364 * DAY, T0 + DAY],
];
const VARIABLE_SETS: Array<[string, Record<string, VariableValue>]> = [
  ['one brand', { brand: ['acme'], competitor: ['globex'], source: 'All', aspect: 'All' }],
  [
    'two brands, one source',
    { brand: ['acme', 'globex'], competitor: [], source: ['reddit'], aspect: 'All' },
  ],
  ['All', { brand: 'All', competitor: 'All', source: 'All', aspect: ['support', 'price'] }],
];

function checkShape(panel: PanelDefinition, result: PanelQueryResult): void {
  expect(result.columns.map((c) => c.name)).toEqual(panel.columns.map((c) => c.name));
  panel.columns.forEach((spec, i) => {
    const kind = result.columns[i]?.kind;
    const expected = spec.kind === 'url' ? 'string' : spec.kind;
    expect(kind, `${panel.id}.${spec.name} (${result.columns[i]?.type})`).toBe(expected);
  });
  if (panel.format === 'time_series') {
    expect(panel.columns[0]?.kind).toBe('time');
    const times = result.rows.map((r) => r[0] as number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  }
  if (panel.visual === 'stat') expect(result.rows.length).toBeLessThanOrEqual(1);
}

describe('every panel query runs with macros and variables expanded', () => {
  for (const panel of PANELS) {
    for (const [rangeName, from, to] of RANGES) {
      for (const [varsName, variables] of VARIABLE_SETS) {
        it(`${panel.id} · ${rangeName} · ${varsName}`, async () => {
          const result = await run(panel, ctx(from, to, variables, panel));
          checkShape(panel, result);
        });
      }
    }
  }
});

describe('hand-checked numbers (range T0 … T0+6h, 1 h buckets)', () => {
  const acme = { brand: ['acme'], competitor: ['globex'], source: 'All', aspect: 'All' } as const;
  const range = (panel: PanelDefinition, variables: Record<string, VariableValue> = acme): ExpandContext => ({
    ...ctx(T0, T0 + 6 * HOUR, variables, panel),
    intervalSeconds: 3600,
  });

  it('totals: volume, both net sentiments, authors, engagement', async () => {
    const panel = panelById('overview.totals');
    const [row] = objects(await run(panel, range(panel)));
    expect(row).toMatchObject({ mentions: 7, authors: 6, engagement: 26 });
    expect(row?.net_sentiment_polar).toBeCloseTo((2 - 3) / 5, 6);
    expect(row?.net_sentiment_total).toBeCloseTo((2 - 3) / 6, 6);
  });

  it('volume per hour and brand', async () => {
    const panel = panelById('overview.volume');
    const rows = objects(await run(panel, range(panel, { ...acme, brand: 'All' })));
    const at = (h: number, brand: string) =>
      rows.find((r) => r.time === T0 + h * HOUR && r.brand === brand)?.mentions;
    expect([at(0, 'acme'), at(1, 'acme'), at(2, 'acme'), at(3, 'acme')]).toEqual([2, 1, 2, 2]);
    expect([at(1, 'globex'), at(5, 'globex')]).toEqual([1, 1]);
  });

  it('source filter keeps only reddit mentions', async () => {
    const panel = panelById('overview.totals');
    const [row] = objects(await run(panel, range(panel, { ...acme, source: ['reddit'] })));
    expect(row?.mentions).toBe(4);
  });

  it('top negative: one row per story, the most engaging and most negative first', async () => {
    const panel = panelById('overview.top-negative');
    const rows = objects(await run(panel, range(panel)));
    expect(rows.map((r) => r.author)).toEqual(['bob', 'frank']);
    expect(rows[0]).toMatchObject({
      brand: 'acme',
      engagement: 10,
      sentiment: -0.8,
      url: 'https://example.com/2',
    });
  });

  it('top tables show only the latest version of a rescored mention', async () => {
    const initech = { ...acme, brand: ['initech'] };
    const negative = panelById('overview.top-negative');
    expect(objects(await run(negative, range(negative, initech)))).toEqual([]);
    const positive = panelById('overview.top-positive');
    expect(objects(await run(positive, range(positive, initech)))).toEqual([
      expect.objectContaining({ author: 'ivan', sentiment: 0.7, engagement: 100 }),
    ]);
    const totals = panelById('overview.totals');
    expect(objects(await run(totals, range(totals, initech)))[0]).toMatchObject({
      mentions: 1,
      net_sentiment_polar: 1,
    });
  });

  it('top aspects with negative and positive occurrences', async () => {
    const panel = panelById('overview.top-aspects');
    const rows = objects(await run(panel, range(panel)));
    expect(rows).toEqual([
      { aspect: 'support', occurrences: 2, negative: 1, positive: 1 },
      { aspect: 'price', occurrences: 1, negative: 1, positive: 0 },
      { aspect: 'wait_time', occurrences: 1, negative: 1, positive: 0 },
    ]);
  });

  it('benchmark: share of voice, net sentiment and ranking for acme vs globex', async () => {
    const panel = panelById('benchmark.ranking');
    const rows = objects(await run(panel, range(panel)));
    expect(rows.map((r) => r.brand)).toEqual(['acme', 'globex']);
    expect(rows[0]?.share_of_voice).toBeCloseTo(7 / 9, 6);
    expect(rows[1]).toMatchObject({
      mentions: 2,
      net_sentiment_polar: 0,
      net_sentiment_total: 0,
      reviews: 0,
    });
    expect(rows[0]).toMatchObject({ reviews: 3, nps: 0 });
    expect(rows[0]?.avg_stars).toBeCloseTo(11 / 3, 5);
    expect(rows[0]?.csat).toBeCloseTo(200 / 3, 4);
    // competitors = the brand itself: globex drops out. (An empty selection counts as All, as in the plugin.)
    const alone = objects(await run(panel, range(panel, { ...acme, competitor: ['acme'] })));
    expect(alone.map((r) => [r.brand, r.share_of_voice])).toEqual([['acme', 1]]);
  });

  it('benchmark: negative share per brand and aspect', async () => {
    const panel = panelById('benchmark.aspect-negative-share');
    const rows = objects(await run(panel, range(panel)));
    expect(rows).toEqual([
      { aspect: 'price', brand: 'acme', negative_share: 1 },
      { aspect: 'support', brand: 'acme', negative_share: 0.5 },
      { aspect: 'support', brand: 'globex', negative_share: 1 },
      { aspect: 'wait_time', brand: 'acme', negative_share: 1 },
    ]);
  });

  it('reviews: distribution, scores per source, latest low ratings', async () => {
    const dist = panelById('reviews.rating-distribution');
    expect(objects(await run(dist, range(dist)))).toEqual([
      { stars: '2★', reviews: 1 },
      { stars: '4★', reviews: 1 },
      { stars: '5★', reviews: 1 },
    ]);
    const bySource = panelById('reviews.by-source');
    const [row] = objects(await run(bySource, range(bySource)));
    expect(row).toMatchObject({ source: 'appstore', source_id: 'appstore-us', reviews: 3, nps: 0 });
    const low = panelById('reviews.latest-low');
    expect(objects(await run(low, range(low))).map((r) => [r.author, r.stars])).toEqual([['frank', 2]]);
    const scores = panelById('reviews.nps-csat');
    const series = objects(await run(scores, range(scores)));
    expect(series).toEqual([
      { time: T0 + 2 * HOUR, brand: 'acme', nps: 0, csat: 50 },
      { time: T0 + 3 * HOUR, brand: 'acme', nps: 0, csat: 100 },
    ]);
  });

  it('customer service: complaints per aspect, complaint share, hour of week', async () => {
    const top = panelById('service.top-complaints');
    const rows = objects(await run(top, range(top, { ...acme, brand: 'All' })));
    expect(rows.map((r) => [r.aspect, r.author])).toEqual([
      ['price', 'frank'],
      ['support', 'bob'],
      ['support', 'hank'],
      ['wait_time', 'bob'],
    ]);
    const share = panelById('service.complaint-share');
    const series = objects(await run(share, range(share)));
    expect(series.map((r) => r.complaint_share)).toEqual([0.5, 1, 0.5, 0]);
    const week = panelById('service.hour-of-week');
    const cells = objects(await run(week, range(week)));
    // 2026-03-02 is a Monday: negatives at 10:00 (bob), 11:00 (carol), 12:00 (frank)
    expect(cells.filter((c) => Number(c.complaints) > 0)).toEqual([
      { hour_of_day: '10', weekday: '1 Mon', complaints: 1 },
      { hour_of_day: '11', weekday: '1 Mon', complaints: 1 },
      { hour_of_day: '12', weekday: '1 Mon', complaints: 1 },
    ]);
  });

  it('alerts: history alerts left out, delivery per channel, annotations', async () => {
    const table = panelById('alerts.table');
    const rows = objects(await run(table, range(table, { ...acme, brand: 'All' })));
    expect(rows.map((r) => r.id)).toEqual(['a2', 'a1']);
    expect(rows[1]).toMatchObject({
      brand: 'acme',
      scope: 'all sources',
      state: 'firing',
      delivery: 'leads-email fired: pending, support-slack fired: sent',
    });
    expect(rows[0]).toMatchObject({ scope: 'source: reddit-main', delivery: '' });
    const notes = panelById('alerts.annotations');
    expect(objects(await run(notes, range(notes))).map((r) => r.tags)).toEqual([
      'negative_spike,acme,firing',
    ]);
  });

  it('pipeline: polls, failures, rate limits and last error per source', async () => {
    const panel = panelById('pipeline.sources');
    const rows = objects(await run(panel, range(panel)));
    expect(rows).toEqual([
      expect.objectContaining({
        source_id: 'appstore-us',
        polls: 1,
        failures: 1,
        last_status: 'failed',
        last_error: 'HTTP 503',
      }),
      expect.objectContaining({
        source_id: 'reddit-main',
        polls: 3,
        failures: 1,
        rate_limited: 1,
        fetched: 20,
        new: 8,
        last_status: 'ok',
        last_error: 'Reddit rate limit reached',
      }),
    ]);
    const versions = panelById('pipeline.scorer-versions');
    expect(objects(await run(versions, range(versions)))).toEqual([
      { scorer_version: 'v1', mentions: 9 },
      { scorer_version: 'v2', mentions: 1 },
    ]);
  });
});
