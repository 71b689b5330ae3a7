/**
 * Cost of the response-times read (storage/response-times.ts) in embedded chDB: stores `threads` customer
 * mentions over 30 days on x, each answered by the brand with a probability of 0.7 after 1–240 minutes, then
 * times the hourly read and the whole-range read over those 30 days. Prints rows stored and milliseconds
 * per read (median of 5 runs).
 * Usage: npx tsx bench/response-times.ts [<threads>]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Mention } from '../core/mention.js';
import { createStore } from '../storage/client.js';
import { upsertMentions } from '../storage/mentions.js';
import { migrate } from '../storage/migrations/index.js';
import { responseTimes } from '../storage/response-times.js';

const threads = Number(process.argv[2] ?? 50_000);
const DAY = 86_400_000;
const to = Date.UTC(2026, 4, 1);
const from = to - 30 * DAY;

// A fixed linear congruential generator: the same data every run.
let seed = 7;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

const row = (id: string, at: number, extra: Partial<Mention>): Mention => ({
  source: 'x',
  source_id: 'x-main',
  native_id: id,
  brand: 'acme',
  kind: 'post',
  url: `https://x.com/i/web/status/${id}`,
  author: 'customer',
  text: 'acme lost my bag again',
  lang: 'en',
  published_at: at,
  fetched_at: at,
  engagement: { likes: 0, shares: 0, replies: 0, score: 0 },
  sentiment: -0.5,
  label: 'negative',
  confidence: 0.9,
  aspects: [],
  scorer_version: 'bench',
  story_id: id,
  ...extra,
});

const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-rt-'));
const logger = pino({ level: 'warn' });
const store = await createStore({ mode: 'embedded', dataDir: dir }, logger);
try {
  await migrate(store);
  const mentions: Mention[] = [];
  for (let i = 0; i < threads; i++) {
    const at = from + Math.floor(random() * 30 * DAY);
    mentions.push(row(`c${i}`, at, { thread_id: `c${i}` }));
    if (random() < 0.7)
      mentions.push(
        row(`r${i}`, at + Math.ceil(random() * 240) * 60_000, {
          author: 'acme_support',
          kind: 'comment',
          in_reply_to: `c${i}`,
          thread_id: `c${i}`,
          from_brand: true,
        }),
      );
  }
  for (let i = 0; i < mentions.length; i += 10_000)
    await upsertMentions(store, mentions.slice(i, i + 10_000));
  const time = async (byHour: boolean) => {
    const runs: number[] = [];
    let rows = 0;
    for (let k = 0; k < 5; k++) {
      const started = performance.now();
      rows = (await responseTimes(store, { brand: 'acme', from, to, slaMs: 3_600_000, byHour })).length;
      runs.push(performance.now() - started);
    }
    runs.sort((a, b) => a - b);
    return { ms: Math.round(runs[2]!), rows };
  };
  const hourly = await time(true);
  const range = await time(false);
  console.log(`stored ${mentions.length} mention rows (${threads} customer mentions, 30 days)`);
  console.log(`response times by hour: ${hourly.ms} ms (${hourly.rows} rows), whole range: ${range.ms} ms`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
