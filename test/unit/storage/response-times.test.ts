/**
 * Response times on a hand-built thread fixture with known answers (worked out below by hand), in real chDB:
 * response rate, median and p90 time to the first brand reply, share within the SLA, per source and hour —
 * and the same figures after every mention is polled again (re-ingest), edited, or rescored.
 */
import { describe, expect, it } from 'vitest';
import type { Mention } from '../../../core/mention.js';
import type { Store } from '../../../storage/client.js';
import { upsertMentions } from '../../../storage/mentions.js';
import { mentionLine } from '../../../storage/mention-row.js';
import { queryReadOnly } from '../../../storage/query.js';
import { responseTimes, responseTimesQuery } from '../../../storage/response-times.js';
import { mention, T0, useTestStore } from './helpers.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const SLA = HOUR;
const at = (minutes: number) => T0 + minutes * MIN;

const post = (id: string, minutes: number, overrides: Partial<Mention> = {}): Mention =>
  mention({
    source: 'x',
    source_id: 'x-main',
    native_id: id,
    url: `https://x.com/i/web/status/${id}`,
    author: `customer_${id}`,
    published_at: at(minutes),
    thread_id: id,
    ...overrides,
  });
/** A reply by the brand's account to `parent`. */
const brandReply = (id: string, parent: string, minutes: number, overrides: Partial<Mention> = {}) =>
  post(id, minutes, {
    author: 'acme_support',
    in_reply_to: parent,
    kind: 'comment',
    from_brand: true,
    ...overrides,
  });

/**
 * Hour 10:00 on x: c1…c4 answered after 10, 20, 60 and 120 min (c2 twice: the first reply counts), c5 never.
 *   rate 4/5; median of [10, 20, 60, 120] = (20 + 60) / 2 = 40 min; p90 at rank 0.9·3 = 2.7 →
 *   60 + 0.7·(120 − 60) = 102 min; within the 1 h SLA: 10, 20, 60 (60 counts: "within" is ≤) → 3/5.
 * Hour 11:00 on x: c6 answered after 5 min; c7 (another customer replying in c6's thread) never: rate 1/2,
 *   median = p90 = 5 min, within 1/2.
 * Mastodon: m1 (global URI native id, local id 111) answered after 30 min by a reply naming the local id.
 * Whole range on x: [5, 10, 20, 60, 120] → median 20 min; p90 at rank 3.6 → 60 + 0.6·60 = 96 min; 4 of 7
 *   within the SLA.
 * Not counted: the brand's own top-level post (b1), and a reply stored for another brand (rival-r5 does not
 *   answer acme's c5).
 */
const fixture = (): Mention[] => [
  post('c1', 0),
  brandReply('r1', 'c1', 10),
  post('c2', 5),
  brandReply('r2', 'c2', 25),
  brandReply('r2b', 'c2', 50),
  post('c3', 20),
  brandReply('r3', 'c3', 80),
  post('c4', 30),
  brandReply('r4', 'c4', 150),
  post('c5', 40),
  post('c6', 60),
  brandReply('r6', 'c6', 65, { thread_id: 'c6' }),
  post('c7', 70, { in_reply_to: 'c6', thread_id: 'c6', kind: 'comment' }),
  // The brand's own top-level post is not a customer mention.
  post('b1', 15, { author: 'acme_support', from_brand: true }),
  // The same thread stored for another brand does not answer acme's mentions.
  brandReply('rival-r5', 'c5', 45, { brand: 'rival' }),
  mention({
    source: 'mastodon',
    source_id: 'masto',
    native_id: 'https://mastodon.social/users/bob/statuses/111',
    reply_key: '111',
    author: 'bob@mastodon.social',
    published_at: at(0),
  }),
  mention({
    source: 'mastodon',
    source_id: 'masto',
    native_id: 'https://mastodon.social/users/acme/statuses/112',
    reply_key: '112',
    in_reply_to: '111',
    author: 'acme@mastodon.social',
    from_brand: true,
    published_at: at(30),
  }),
];

const HOURLY = [
  {
    hour: T0 - (T0 % HOUR),
    source: 'mastodon',
    sourceId: 'masto',
    mentions: 1,
    answered: 1,
    responseRate: 1,
    medianMs: 30 * MIN,
    p90Ms: 30 * MIN,
    withinSla: 1,
    withinSlaShare: 1,
  },
  {
    hour: T0,
    source: 'x',
    sourceId: 'x-main',
    mentions: 5,
    answered: 4,
    responseRate: 0.8,
    medianMs: 40 * MIN,
    p90Ms: 102 * MIN,
    withinSla: 3,
    withinSlaShare: 0.6,
  },
  {
    hour: T0 + HOUR,
    source: 'x',
    sourceId: 'x-main',
    mentions: 2,
    answered: 1,
    responseRate: 0.5,
    medianMs: 5 * MIN,
    p90Ms: 5 * MIN,
    withinSla: 1,
    withinSlaShare: 0.5,
  },
];

let store: Store;
useTestStore(async (opened) => {
  store = opened;
  await upsertMentions(store, fixture());
});

const range = { brand: 'acme', from: T0 - HOUR, to: T0 + 3 * HOUR, slaMs: SLA };

describe('response times', () => {
  it('per source and hour: rate, median, p90 and share within the SLA', async () => {
    expect(await responseTimes(store, range)).toEqual(HOURLY);
  });

  it('over the whole range: exact percentiles of all answers, not of the hourly figures', async () => {
    const rows = await responseTimes(store, { ...range, byHour: false, sources: ['x'] });
    expect(rows).toEqual([
      {
        hour: null,
        source: 'x',
        sourceId: 'x-main',
        mentions: 7,
        answered: 5,
        responseRate: 5 / 7,
        medianMs: 20 * MIN,
        p90Ms: 96 * MIN,
        withinSla: 4,
        withinSlaShare: 4 / 7,
      },
    ]);
  });

  it('a tighter SLA changes only the within-SLA counts', async () => {
    const rows = await responseTimes(store, { ...range, slaMs: 15 * MIN, sources: ['x'] });
    expect(rows.map((r) => [r.withinSla, r.withinSlaShare])).toEqual([
      [1, 0.2],
      [1, 0.5],
    ]);
  });

  it('stays exact when the same mentions are polled again, with new engagement and a rescore', async () => {
    const again = await upsertMentions(store, fixture());
    expect(again).toMatchObject({ inserted: 0, updated: 0 });
    // A second poll sees new like counts on every post and a new scorer version: new row versions of each key.
    const changed = fixture().map((m) => ({
      ...m,
      engagement: { ...m.engagement, likes: m.engagement.likes + 1 },
      scorer_version: 'v2',
    }));
    expect(await upsertMentions(store, changed)).toMatchObject({ inserted: 0, updated: changed.length });
    const { rows } = await queryReadOnly(store, "SELECT count() FROM mentions WHERE brand = 'acme'");
    expect(Number(rows[0]![0])).toBeGreaterThan(fixture().length - 1); // several versions are stored…
    expect(await responseTimes(store, range)).toEqual(HOURLY); // …and each mention still counts once.
  });

  it('keeps the hash of mentions without thread data, so rows stored before migration 7 stay unchanged', () => {
    const plain = mention();
    const withDefaults = { ...plain, in_reply_to: '', thread_id: '', reply_key: '', from_brand: false };
    const stateHash = (m: typeof plain): string => mentionLine(m, 1, '', undefined).stateHash;
    expect(stateHash(withDefaults)).toBe(stateHash(plain));
    expect(stateHash({ ...plain, from_brand: true })).not.toBe(stateHash(plain));
  });

  it('refuses an inverted range', () => {
    expect(() => responseTimesQuery({ ...range, from: range.to })).toThrow(/from < to/);
  });
});
