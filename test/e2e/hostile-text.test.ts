/**
 * Hostile text (SQL fragments, quotes, emoji, a 100 KB post, control characters, invalid UTF-16) is
 * stored verbatim and comes back exactly through `earshot sql --json`, both when the command opens the
 * store itself and when it goes through the read-only endpoint of a running `earshot up`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mention } from '../../core/mention.js';
import { createStore } from '../../storage/client.js';
import { upsertMentions } from '../../storage/mentions.js';
import { migrate } from '../../storage/migrations/index.js';
import { serveStoreOverHttp } from '../../storage/clickhouse-http/index.js';
import { runEarshot } from './support.js';

const HOSTILE: Record<string, string> = {
  sql: "'; DROP TABLE mentions; -- \" OR 1=1 /* {brand:String} */ $$ \\' \\\\",
  quotes: `He said "it's 'fine'" \`backtick\` ‘curly’ “double”`,
  emoji: '😡🔥 👩🏽‍💻 🏳️‍🌈 family 👨‍👩‍👧‍👦 flags 🇫🇷🇯🇵',
  control: 'tab\there\nnew line\r\nnul\u0000bell\u0007esc\u001b[31mred\u001b[0m del\u007f rtl\u202eevil',
  unicode: 'Zürich naïve 東京 Ελληνικά عربى \u200b zero-width',
  big: `${'A very long complaint about a refund. '.repeat(2_700)}end`,
};
const LONE_SURROGATE = 'broken \ud83d pair';

function mention(nativeId: string, text: string): Mention {
  return {
    source: 'rss',
    source_id: 'hostile',
    native_id: nativeId,
    brand: 'acme',
    kind: 'post',
    url: `https://example.com/${encodeURIComponent(nativeId)}?q='"<>`,
    author: text.slice(0, 64),
    title: text.slice(0, 200),
    text,
    lang: 'en',
    published_at: Date.UTC(2026, 10, 1),
    fetched_at: Date.UTC(2026, 10, 2),
    engagement: { likes: 1, shares: 0, replies: 0, score: 0 },
    sentiment: -0.5,
    label: 'negative',
    confidence: 0.9,
    aspects: [{ aspect: 'price', sentiment: -0.5 }],
    scorer_version: 'test',
    story_id: nativeId,
  };
}

describe('hostile text through earshot sql', () => {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-hostile-'));
  const query = 'SELECT native_id, text, title, author, url FROM mentions FINAL ORDER BY native_id';
  const expected = Object.entries({ ...HOSTILE, surrogate: LONE_SURROGATE })
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, text]) => {
      const stored = id === 'surrogate' ? text.replace('\ud83d', '\ufffd') : text;
      return {
        native_id: id,
        text: stored,
        title: stored.slice(0, 200),
        author: stored.slice(0, 64),
        url: mention(id, text).url,
      };
    });

  beforeAll(async () => {
    expect(HOSTILE.big!.length).toBeGreaterThan(100_000);
    const store = await createStore(
      { mode: 'embedded', dataDir: join(dir, 'clickhouse') },
      pino({ level: 'silent' }),
    );
    await migrate(store);
    await upsertMentions(store, [
      ...Object.entries(HOSTILE).map(([id, text]) => mention(id, text)),
      mention('surrogate', LONE_SURROGATE),
    ]);
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips exactly when earshot sql opens the store itself', async () => {
    const result = await runEarshot(['sql', query, '--json', '--data-dir', dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });

  it('round-trips exactly through the ClickHouse HTTP interface of a running process, and prints a safe table', async () => {
    const store = await createStore(
      { mode: 'embedded', dataDir: join(dir, 'clickhouse') },
      pino({ level: 'silent' }),
    );
    const endpoint = await serveStoreOverHttp(store, { dataDir: dir, logger: store.logger });
    try {
      const json = await runEarshot(['sql', query, '--json', '--data-dir', dir]);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual(expected);

      const table = await runEarshot([
        'sql',
        "SELECT text FROM mentions FINAL WHERE native_id = 'control'",
        '--data-dir',
        dir,
      ]);
      expect(table.code).toBe(0);
      // Control characters are shown escaped, so a post cannot rewrite the terminal or break the table.
      expect(table.stdout).toContain(
        'tab\\there\\nnew line\\r\\nnul\\x00bell\\x07esc\\x1b[31mred\\x1b[0m del\\x7f rtl\\u202eevil',
      );
      expect(table.stdout).not.toContain('\u001b');
    } finally {
      await endpoint.close();
      await store.close();
    }
  });
});
