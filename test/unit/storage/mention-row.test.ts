import { describe, expect, it } from 'vitest';
import { ByteBuffer } from '../../../storage/byte-buffer.js';
import { InvalidMentionError } from '../../../storage/errors.js';
import { MENTION_INSERT_COLUMNS, encodeMention, mentionLine } from '../../../storage/mention-row.js';
import { upsertMentions } from '../../../storage/mentions.js';
import { queryReadOnly } from '../../../storage/query.js';
import { mention, openTestStore } from './helpers.js';

const stateHash = (m: Parameters<typeof mentionLine>[0]): string =>
  mentionLine(m, 1, '', undefined).stateHash;

describe('encodeMention state_hash', () => {
  const base = mention({ aspects: [{ aspect: 'price', sentiment: 0.25 }], rating: { value: 4, scale: 5 } });
  const hash = (overrides: Parameters<typeof mention>[0]): string => stateHash({ ...base, ...overrides });

  it('keeps the values stored by every earlier version of the writer', () => {
    // Stored rows are compared by hash: a change here would rewrite every re-fetched mention once.
    expect(stateHash(mention())).toBe('7820297922f7a5fa');
    const hostile = mention({
      text: "a\tb\nc\\d'e\0f\r 😀 lone \ud800 é",
      title: 'T\u00e9',
      aspects: [{ aspect: "it's", sentiment: -0.5 }],
      rating: { value: 4, scale: 5 },
      author_followers: 12,
    });
    expect(stateHash(hostile)).toBe('d6d92f624f6b0d27');
    const thread = mention({ in_reply_to: 'p1', thread_id: 't1', reply_key: 'k1', from_brand: true });
    expect(stateHash(thread)).toBe('1d900f8370236700');
  });

  it('ignores fetched_at and is stable', () => {
    expect(hash({})).toMatch(/^[0-9a-f]{16}$/);
    expect(hash({ fetched_at: base.fetched_at + 1 })).toBe(hash({}));
  });

  it('changes with every stored field', () => {
    const variants: Array<Parameters<typeof mention>[0]> = [
      { text: `${base.text}!` },
      { title: '' },
      { author_followers: 0 },
      { engagement: { ...base.engagement, likes: base.engagement.likes + 1 } },
      { engagement: { ...base.engagement, score: base.engagement.score - 1 } },
      { rating: undefined },
      { rating: { value: 4, scale: 10 } },
      { sentiment: base.sentiment + 0.01 },
      { label: 'neutral' },
      { aspects: [] },
      { aspects: [{ aspect: 'price', sentiment: 0.5 }] },
      { aspects: [{ aspect: 'pric', sentiment: 0.25 }] },
      { scorer_version: 'v9' },
      { story_id: 'other' },
      { published_at: base.published_at + 1 },
      // Field boundaries count: moving a character from one field to the next is a change.
      { author: `${base.author}x`, url: base.url.slice(0, -1) },
    ];
    const hashes = new Set([hash({}), ...variants.map(hash)]);
    expect(hashes.size).toBe(variants.length + 1);
  });
});

describe('mentionLine', () => {
  it('escapes TabSeparated specials in strings and quoted aspect names', () => {
    const m = mention({ text: "a\tb\nc\\d'e\0f\r", aspects: [{ aspect: "it's\t", sentiment: -0.5 }] });
    const { line } = mentionLine(m, 1, '2026-01-01 00:00:00.000', undefined);
    expect(line.split('\t')).toHaveLength(MENTION_INSERT_COLUMNS.length);
    expect(line).toContain("a\\tb\\nc\\\\d\\'e\\0f\\r");
    expect(line).toContain("[('it\\'s\\t',-0.5)]");
    expect(line.endsWith('\n')).toBe(true);
  });

  it('encodes UTF-8 as Buffer does, with lone surrogates as U+FFFD', () => {
    const text = 'é ß 中文 😀 𝒜 \u0080\u07ff\u0800\uffff lone \ud800 and \udc00 \udc00\ud800 end \ud83d';
    const { line } = mentionLine(mention({ text }), 1, '', undefined);
    expect(line.split('\t')[9]).toBe(Buffer.from(text).toString()); // Buffer replaces lone surrogates too
    expect(line.split('\t')[9]).toContain('lone \ufffd and \ufffd \ufffd\ufffd end \ufffd');
  });

  it('refuses a mention ClickHouse cannot hold and leaves the batch bytes as they were', () => {
    const out = new ByteBuffer();
    encodeMention(mention(), out);
    const before = out.bytes().toString();
    for (const bad of [
      mention({ sentiment: Number.NaN }),
      mention({ published_at: 1e17 }),
      mention({ aspects: [{ aspect: 'x', sentiment: Number.POSITIVE_INFINITY }] }),
      mention({ engagement: { likes: 1, shares: 0, replies: 0, score: Number.NEGATIVE_INFINITY } }),
    ]) {
      expect(() => encodeMention(bad, out)).toThrow(InvalidMentionError);
      expect(out.bytes().toString()).toBe(before);
    }
  });
});

describe('TabSeparated round trip through chDB', () => {
  it('stores hostile aspect names and prev_* state exactly', async () => {
    const { store, cleanup } = await openTestStore();
    try {
      const aspects = [
        { aspect: "it's \\ \t\n\0 [('x',1)]", sentiment: -0.5 },
        { aspect: 'ok', sentiment: 0.1 },
      ];
      await upsertMentions(store, [mention({ aspects })]);
      await upsertMentions(store, [mention({ aspects: [], label: 'negative', sentiment: -0.3 })]);
      const { rows } = await queryReadOnly(
        store,
        `SELECT prev_exists, prev_aspects, prev_label, toString(prev_sentiment) FROM mentions
         ORDER BY version`,
      );
      expect(rows).toEqual([
        [0, [], '', '0'],
        [1, aspects, 'positive', '0.6'],
      ]);
      // A key with a lone surrogate is stored with U+FFFD; re-upserting it finds it unchanged.
      const odd = mention({ native_id: 'id\ud800' });
      expect(await upsertMentions(store, [odd])).toEqual({
        inserted: 1,
        updated: 0,
        unchanged: 0,
        invalid: 0,
      });
      expect(await upsertMentions(store, [odd])).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 1,
        invalid: 0,
      });
    } finally {
      await cleanup();
    }
  });
});
