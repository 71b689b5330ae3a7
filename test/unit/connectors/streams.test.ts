import { describe, expect, it } from 'vitest';
import { PaginationLoopError } from '../../../core/errors.js';
import type { FetchedMention } from '../../../core/mention.js';
import {
  BY_PUBLISHED,
  nextPage,
  pollStreams,
  SEEN_TOKENS_KEPT,
  type StreamPage,
  walkToMark,
  watermarkCodec,
} from '../../../connectors/shared/streams.js';

const NAME = { what: 'Test list', sourceId: 'src-1' };
const mention = (id: string, at: number): FetchedMention => ({
  source: 'test',
  native_id: id,
  kind: 'post',
  url: `https://example.com/${id}`,
  author: '',
  text: id,
  published_at: at,
  engagement: { likes: 0, shares: 0, replies: 0, score: 0 },
});
const page = (next: string | undefined, ...records: FetchedMention[]): StreamPage<FetchedMention> => ({
  records,
  skippedInvalid: 0,
  next,
});

describe('nextPage', () => {
  it.each([
    ['the API gave no next token', page(undefined, mention('a', 1)), false],
    ['the API gave an empty token', page('', mention('a', 1)), false],
    ['the walk reached what it looks for', page('t2', mention('a', 1)), true],
    ['the page held no record at all', page('t2'), false],
  ])('ends the walk when %s', (_why, p, stop) => {
    expect(nextPage(p, stop, { token: 't1', seen: ['t1'] }, NAME)).toBeUndefined();
  });

  it('goes on past a page whose records were all invalid', () => {
    const invalidOnly = { records: [], skippedInvalid: 2, next: 't2' };
    expect(nextPage(invalidOnly, false, undefined, NAME)).toEqual({ token: 't2', seen: ['t2'] });
  });

  it('refuses the current token and any token already followed', () => {
    const p = page('t1', mention('a', 1));
    expect(() => nextPage(p, false, { token: 't1', seen: [] }, NAME)).toThrow(PaginationLoopError);
    expect(() => nextPage(p, false, { token: 't3', seen: ['t1', 't3'] }, NAME)).toThrow(
      /Test list for src-1 led back to page token "t1"/,
    );
  });

  it('adds the current token of a cursor written before this helper (seen without it) once, and bounds seen', () => {
    const p = page('t3', mention('a', 1));
    expect(nextPage(p, false, { token: 't2', seen: ['t1'] }, NAME)?.seen).toEqual(['t1', 't2', 't3']);
    const long = Array.from({ length: SEEN_TOKENS_KEPT }, (_, i) => `s${i}`);
    const next = nextPage(p, false, { token: 's99', seen: long }, NAME);
    expect(next?.seen).toHaveLength(SEEN_TOKENS_KEPT);
    expect(next?.seen.at(-1)).toBe('t3');
  });
});

describe('walkToMark', () => {
  const mark = { at: 10, ids: ['m10'] };

  it('delivers what lies beyond the mark and walks on; the mark moves only when the walk ends', () => {
    const first = walkToMark(
      page('t2', mention('a', 30), mention('b', 20)),
      mark,
      undefined,
      BY_PUBLISHED,
      NAME,
    );
    expect(first.fresh.map((m) => m.native_id)).toEqual(['a', 'b']);
    expect(first).toMatchObject({
      mark,
      walk: { token: 't2', seen: ['t2'], newest: { at: 30, ids: ['a'] } },
    });
    const last = walkToMark(
      page('t3', mention('c', 15), mention('m10', 10)),
      mark,
      first.walk,
      BY_PUBLISHED,
      NAME,
    );
    expect(last.fresh.map((m) => m.native_id)).toEqual(['c']);
    expect(last).toEqual({ fresh: last.fresh, mark: { at: 30, ids: ['a'] } });
  });
});

describe('watermarkCodec', () => {
  it('reads and writes the stored shape of earlier versions unchanged', () => {
    const codec = watermarkCodec('pageToken');
    const stored = {
      watermark: { at: 5, ids: ['x'] },
      walk: { pageToken: 'p2', seen: ['p1'], newest: { at: 9, ids: [] } },
    };
    const { mark, walk } = codec.read(stored);
    expect(walk).toMatchObject({ token: 'p2', seen: ['p1'] });
    expect(codec.write(mark, { token: 'p2', seen: ['p1'], newest: { at: 9, ids: [] } })).toEqual(stored);
    expect(codec.write(mark, undefined)).toEqual({ watermark: stored.watermark });
  });
});

describe('pollStreams', () => {
  const specs = [{ key: 'a' }, { key: 'b' }];
  type State = { walk?: string; n: number };

  it('moves only the walking streams until the round ends, and delivers a record found twice once', async () => {
    const read = async (spec: { key: string }, state: State) => ({
      mentions: [mention('same', 1), mention(spec.key, 2)],
      skippedInvalid: 1,
      state: { n: state.n + 1, ...(spec.key === 'a' && state.n === 0 ? { walk: 'on' } : {}) },
    });
    const first = await pollStreams<{ key: string }, State>(specs, null, () => ({ n: 0 }), read);
    expect(first.mentions.map((m) => m.native_id)).toEqual(['same', 'a', 'b']);
    expect(first).toMatchObject({ skippedInvalid: 2, caughtUp: false });
    const second = await pollStreams(specs, first.cursor, () => ({ n: 0 }), read);
    expect(second.cursor.streams).toEqual({ a: { n: 2 }, b: { n: 1 } });
    expect(second.caughtUp).toBe(true);
  });
});
