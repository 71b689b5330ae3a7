import { describe, expect, it } from 'vitest';
import type { CareRecord } from '../../../core/care.js';
import type { Mention } from '../../../core/mention.js';
import type { Store } from '../../../storage/client.js';
import { upsertCareMentions } from '../../../storage/care-records.js';
import { queryReadOnly } from '../../../storage/query.js';
import { csatScores, npsScores } from '../../../storage/surveys.js';
import { ticketKpis } from '../../../storage/tickets.js';
import { mention, useTestStore } from './helpers.js';

let store: Store;
useTestStore((s) => (store = s));

const DAY1 = Date.UTC(2026, 2, 1, 9);
const DAY2 = Date.UTC(2026, 2, 2, 9);
const RANGE = { from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 2, 3) };

function response(
  id: string,
  score: number,
  at: number,
  extra: Partial<Mention> = {},
  updatedAt = at,
): Mention {
  const survey = extra.source_id === 'csat-file' ? 'csat' : 'nps';
  const care: CareRecord = {
    kind: 'survey',
    survey,
    score,
    channel: 'email',
    respondent: `r-${id}`,
    submitted_at: at,
    updated_at: updatedAt,
  };
  return mention({
    source: 'survey-file',
    source_id: 'nps-file',
    native_id: id,
    kind: 'survey',
    url: '',
    text: `comment ${id}`,
    published_at: at,
    rating: { value: score, scale: survey === 'nps' ? 10 : 5 },
    care,
    ...extra,
  });
}

// Day 1: scores 10, 9, 8, 7, 6, 0 → 2 promoters, 2 passives, 2 detractors: NPS 0.
// Day 2: scores 9, 9, 9, 3 → 3 promoters, 1 detractor: NPS 50.
const day1 = [10, 9, 8, 7, 6, 0].map((s, i) => response(`d1-${i}`, s, DAY1 + i * 1000));
const day2 = [9, 9, 9, 3].map((s, i) => response(`d2-${i}`, s, DAY2 + i * 1000));

describe('survey responses and NPS / CSAT', () => {
  it('computes NPS per day exactly, and again after every response is re-delivered', async () => {
    const first = await upsertCareMentions(store, [...day1, ...day2]);
    expect(first).toMatchObject({ inserted: 10, stale: 0 });
    // Re-delivery: the same batch, twice, plus duplicates within one batch.
    const again = await upsertCareMentions(store, [...day2, ...day1, ...day1]);
    expect(again).toMatchObject({ inserted: 0, updated: 0 });
    const rows = await npsScores(store, RANGE);
    expect(rows.map((r) => [r.day, r.responses, r.promoters, r.passives, r.detractors, r.nps])).toEqual([
      ['2026-03-01', 6, 2, 2, 2, 0],
      ['2026-03-02', 4, 3, 0, 1, 50],
    ]);
    const [whole] = await npsScores(store, { ...RANGE, per: 'range' });
    // 5 promoters, 3 detractors of 10: 20.
    expect(whole).toMatchObject({ day: null, responses: 10, nps: 20 });
  });

  it('agrees with mention_hourly: its promoter (>= 0.9) and detractor (<= 0.6) shares are NPS on a 0–10 scale', async () => {
    const { rows } = await queryReadOnly(
      store,
      `SELECT sum(rated), sum(promoters), sum(detractors) FROM mention_hourly WHERE source_id = 'nps-file'`,
    );
    expect(rows[0]!.map(Number)).toEqual([10, 5, 3]);
  });

  it('keeps the newer version when an older delivery arrives late (out of order)', async () => {
    const edited = response('d2-3', 10, DAY2 + 3000, {}, DAY2 + 60_000); // 3 → 10, edited later
    expect(await upsertCareMentions(store, [edited])).toMatchObject({ updated: 1, stale: 0 });
    const late = response('d2-3', 3, DAY2 + 3000); // the original arrives after the edit
    expect(await upsertCareMentions(store, [late])).toMatchObject({ updated: 0, stale: 1, unchanged: 1 });
    // Both versions in one batch, the older last: the newer still wins.
    expect(await upsertCareMentions(store, [edited, late])).toMatchObject({ updated: 0, unchanged: 2 });
    const [day] = (await npsScores(store, RANGE)).filter((r) => r.day === '2026-03-02');
    expect(day).toMatchObject({ responses: 4, promoters: 4, detractors: 0, nps: 100 });
    const { rows } = await queryReadOnly(
      store,
      `SELECT rating FROM mentions FINAL WHERE source_id = 'nps-file' AND native_id = 'd2-3'`,
    );
    expect(rows).toEqual([[10]]);
    // mention_hourly followed the edit: -1 for the 3, +1 for the 10.
    const sums = await queryReadOnly(
      store,
      `SELECT sum(rated), sum(promoters), sum(detractors) FROM mention_hourly WHERE source_id = 'nps-file'`,
    );
    expect(sums.rows[0]!.map(Number)).toEqual([10, 6, 2]);
  });

  it('computes CSAT as the share of 4–5 scores on the 1–5 scale', async () => {
    const scores = [5, 4, 4, 3, 1];
    const csat = scores.map((s, i) =>
      response(`c-${i}`, s, DAY1 + i, { source_id: 'csat-file', brand: 'globex' }),
    );
    await upsertCareMentions(store, csat);
    await upsertCareMentions(store, csat);
    const [row] = await csatScores(store, { ...RANGE, brand: 'globex', per: 'range' });
    expect(row).toMatchObject({
      brand: 'globex',
      sourceId: 'csat-file',
      responses: 5,
      satisfied: 3,
      csat: 60,
    });
    expect(row!.average).toBeCloseTo(17 / 5, 10);
    // CSAT responses never leak into NPS.
    expect((await npsScores(store, { ...RANGE, brand: 'globex' })).length).toBe(0);
  });
});

function ticket(id: string, care: Partial<Extract<CareRecord, { kind: 'ticket' }>>): Mention {
  const created = care.created_at ?? DAY1;
  return mention({
    source: 'tickets-file',
    source_id: 'desk',
    native_id: id,
    kind: 'ticket',
    url: '',
    text: `ticket ${id}`,
    published_at: created,
    care: {
      kind: 'ticket',
      channel: 'email',
      created_at: created,
      resolved: false,
      reopened: 0,
      updated_at: created,
      ...care,
    },
  });
}

describe('tickets and support KPIs', () => {
  const MIN = 60_000;
  const tickets = [
    ticket('t1', { first_response_ms: 10 * MIN, resolved: true }),
    ticket('t2', { first_response_ms: 20 * MIN, resolved: true, reopened: 1 }),
    ticket('t3', { first_response_ms: 30 * MIN, resolved: true }),
    ticket('t4', { first_response_ms: 120 * MIN, resolved: false }),
    ticket('t5', {}), // unanswered
  ];

  it('computes FCR, median / p90 first response and share within SLA exactly under re-import', async () => {
    await upsertCareMentions(store, tickets);
    await upsertCareMentions(store, [...tickets].reverse());
    const [row] = await ticketKpis(store, { ...RANGE, slaMs: 60 * MIN, per: 'range' });
    expect(row).toMatchObject({
      tickets: 5,
      resolved: 3,
      resolvedFirstContact: 2,
      answered: 4,
      withinSla: 3,
      withinSlaShare: 3 / 5,
    });
    expect(row!.fcr).toBeCloseTo(2 / 3, 12);
    // Answered: 10, 20, 30, 120 min. Median (inclusive) = 25 min; p90 = 30 + 0.7 × 90 = 93 min.
    expect(row!.medianFirstResponseMs).toBe(25 * MIN);
    expect(row!.p90FirstResponseMs).toBe(93 * MIN);
  });

  it('a later export where a ticket was reopened replaces the earlier one', async () => {
    await upsertCareMentions(store, [
      ticket('t1', { first_response_ms: 10 * MIN, resolved: true, reopened: 1, updated_at: DAY2 }),
    ]);
    // The older export, imported again afterwards, does not undo it.
    await upsertCareMentions(store, tickets);
    const [row] = await ticketKpis(store, { ...RANGE, slaMs: 60 * MIN, per: 'range' });
    expect(row).toMatchObject({ tickets: 5, resolved: 3, resolvedFirstContact: 1 });
  });
});
