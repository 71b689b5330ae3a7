/**
 * The rescoring writer on chDB: pages of stale mentions are re-scored and written back with the state they
 * replace (aggregates exact), corrections in force survive, positions resume, and a failing scorer stops it
 * with what it wrote so far kept.
 */
import { describe, expect, it } from 'vitest';
import type { Mention } from '../../../core/mention.js';
import type { Store } from '../../../storage/client.js';
import { recordCorrection } from '../../../storage/corrections.js';
import { internals, type StoreInternals } from '../../../storage/internals.js';
import { upsertMentions } from '../../../storage/mentions.js';
import { queryReadOnly } from '../../../storage/query.js';
import { countStaleMentions, rescoreStaleMentions } from '../../../storage/rescore.js';
import { STORED_MENTION_COLUMNS, toStoredMention } from '../../../storage/stored-mention.js';
import { mention, useTestStore } from './helpers.js';

let store: Store;
useTestStore((opened) => (store = opened));

const toV2 = (mentions: Mention[]): Mention[] =>
  mentions.map((m) => ({ ...m, scorer_version: 'v2', label: 'positive', sentiment: 0.9, aspects: [] }));

async function labels(brand: string): Promise<Record<string, number>> {
  const { rows } = await queryReadOnly(
    store,
    `SELECT sum(volume), sum(positive), sum(negative), sum(neutral) FROM mention_hourly WHERE brand = {b:String}`,
    { b: brand },
  );
  const [volume, positive, negative, neutral] = (rows[0] ?? []).map(Number);
  return { volume: volume!, positive: positive!, negative: negative!, neutral: neutral! };
}

describe('rescoreStaleMentions', () => {
  it('reads each column of a stored row into its own field', () => {
    const row = toStoredMention([...STORED_MENTION_COLUMNS]);
    expect(Object.keys(row)).toEqual([...STORED_MENTION_COLUMNS]);
    for (const column of STORED_MENTION_COLUMNS) expect(row[column]).toBe(column);
  });

  it('re-scores page by page with exact aggregates, keeps corrections and resumes after its position', async () => {
    const stale = Array.from({ length: 23 }, (_, i) =>
      mention({
        brand: 'r1',
        native_id: `n${String(i).padStart(2, '0')}`,
        label: 'negative',
        sentiment: -0.5,
      }),
    );
    await upsertMentions(store, stale);
    await recordCorrection(store, {
      source: 'reddit-main',
      native_id: 'n03',
      brand: 'r1',
      label: 'neutral',
      by: 'test',
      via: 'cli',
    });
    const pages: number[] = [];
    const first = await rescoreStaleMentions(
      store,
      { scorerVersion: 'v2', after: undefined, limit: 10, pageSize: 4 },
      (mentions) => (pages.push(mentions.length), toV2(mentions)),
    );
    expect(first).toMatchObject({ selected: 10, written: { updated: 10, inserted: 0 } });
    expect(JSON.parse(first.last!)).toEqual(['r1', 'reddit-main', 'n09']);
    expect(await countStaleMentions(store, 'v2')).toBe(13);

    const rest = await rescoreStaleMentions(
      store,
      { scorerVersion: 'v2', after: first.last, limit: 100, pageSize: 4 },
      (mentions) => (pages.push(mentions.length), toV2(mentions)),
    );
    expect(rest.selected).toBe(13);
    expect(await countStaleMentions(store, 'v2')).toBe(0);
    // Every row moved once from negative to positive, except the corrected one (neutral, as corrected).
    expect(await labels('r1')).toEqual({ volume: 23, positive: 22, negative: 0, neutral: 1 });
    const { rows } = await queryReadOnly(
      store,
      "SELECT label, scorer_version FROM mentions FINAL WHERE brand = 'r1' AND native_id = 'n03'",
    );
    expect(rows).toEqual([['neutral', 'v2']]);
    // Scored slice by slice within pages of at most 4.
    expect(Math.max(...pages)).toBeLessThanOrEqual(4);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(23);
  });

  it('stops at a failing scorer, keeping the pages written before it, and refuses a malformed position', async () => {
    await upsertMentions(
      store,
      Array.from({ length: 9 }, (_, i) => mention({ brand: 'r2', native_id: `m${i}`, label: 'negative' })),
    );
    const scored: number[] = [];
    await expect(
      rescoreStaleMentions(
        store,
        { scorerVersion: 'v2', after: JSON.stringify(['r2', '', '']), limit: 9, pageSize: 3 },
        (mentions) => {
          if (scored.length === 2) throw new Error('scorer broke');
          scored.push(mentions.length);
          return toV2(mentions);
        },
      ),
    ).rejects.toThrow('scorer broke');
    const { rows } = await queryReadOnly(
      store,
      "SELECT count() FROM mentions FINAL WHERE brand = 'r2' AND scorer_version = 'v2'",
    );
    // The two pages scored before the failure are stored (a page ends on a complete key: 2 of 3 rows read).
    expect(Number(rows[0]![0])).toBe(scored[0]! + scored[1]!);
    expect(scored).toEqual([2, 2]);
    expect((await labels('r2')).volume).toBe(9);
    await expect(
      rescoreStaleMentions(store, { scorerVersion: 'v2', after: '["r2"]', limit: 1 }, toV2),
    ).rejects.toThrow(/Invalid rescoring position/);
  });

  it('judges a key by its latest version, also when its versions are not merged yet', async () => {
    // k1: latest already v2 (an older v1 version may still be stored); k2: latest v1 after a v2 one.
    await upsertMentions(store, [mention({ brand: 'r3', native_id: 'k1', scorer_version: 'v1' })]);
    await upsertMentions(store, [mention({ brand: 'r3', native_id: 'k1', scorer_version: 'v2' })]);
    await upsertMentions(store, [mention({ brand: 'r3', native_id: 'k2', scorer_version: 'v2' })]);
    await upsertMentions(store, [
      mention({ brand: 'r3', native_id: 'k2', scorer_version: 'v1', text: 'again' }),
    ]);
    const seen: string[] = [];
    let after: string | undefined = JSON.stringify(['r3', '', '']);
    for (;;) {
      // Pages of one row: a key's first version fills the page, the rest of the key is read with it.
      const result = await rescoreStaleMentions(
        store,
        { scorerVersion: 'v2', after, limit: 2, pageSize: 1 },
        (mentions) => (
          seen.push(...mentions.map((m) => `${m.brand}/${m.native_id}/${m.text}`)),
          toV2(mentions)
        ),
      );
      if (result.done) break;
      after = result.last;
    }
    expect(seen).toEqual(['r3/k2/again']);
    expect((await labels('r3')).volume).toBe(2);
  });

  it('fails with the error of a failed write, after the statements it queued have settled', async () => {
    await upsertMentions(
      store,
      Array.from({ length: 9 }, (_, i) => mention({ brand: 'r4', native_id: `w${i}` })),
    );
    const parts = internals(store) as { insertTabSeparated: StoreInternals['insertTabSeparated'] };
    const insert = parts.insertTabSeparated;
    let inserts = 0;
    parts.insertTabSeparated = async (...args) => {
      if (++inserts === 1) throw new Error('disk full');
      return insert(...args);
    };
    try {
      await expect(
        rescoreStaleMentions(
          store,
          { scorerVersion: 'v2', after: JSON.stringify(['r4', '', '']), limit: 9, pageSize: 3 },
          toV2,
        ),
      ).rejects.toThrow('disk full');
    } finally {
      parts.insertTabSeparated = insert;
    }
    // The first page was not written; nothing was counted twice, and a retry finishes the job.
    expect((await labels('r4')).volume).toBe(9);
    const retry = await rescoreStaleMentions(
      store,
      { scorerVersion: 'v2', after: JSON.stringify(['r4', '', '']), limit: 100 },
      toV2,
    );
    expect(retry.written.updated).toBeGreaterThan(0);
    const { rows } = await queryReadOnly(
      store,
      "SELECT count() FROM mentions FINAL WHERE brand = 'r4' AND scorer_version != 'v2'",
    );
    expect(rows).toEqual([['0']]);
    expect(await labels('r4')).toMatchObject({ volume: 9, positive: 9 });
  });
});
