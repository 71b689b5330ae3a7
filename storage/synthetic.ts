/**
 * Synthetic mentions generated inside ClickHouse, for benchmarks only (bench/alerts.ts): millions of rows in
 * seconds through `INSERT … SELECT FROM numbers()`, so they pass through the same aggregate feeds as real
 * ingest. Never used by the pipeline.
 */
import type { Store } from './client.js';
import { internals } from './internals.js';

/** Options of `insertSyntheticMentions`. */
export interface SyntheticMentionsOptions {
  count: number;
  brands: number;
  sourcesPerBrand: number;
  /** Published uniformly in [from, to), epoch ms. */
  from: number;
  to: number;
  /** Share labelled negative. @default 0.3 */
  negativeShare?: number;
  /** First row number (several calls add distinct rows). @default 0 */
  offset?: number;
}

/**
 * Inserts `count` mentions of brands `brand-0…` on sources `src-0…`, about `negativeShare` negative, one aspect
 * each (`price`, `support` or `wait_time`).
 */
export async function insertSyntheticMentions(store: Store, o: SyntheticMentionsOptions): Promise<void> {
  const { client, table } = internals(store);
  await client.command({
    query: `
      INSERT INTO ${table('mentions')}
        (source, source_id, native_id, brand, kind, url, author, text, lang, published_at, fetched_at,
         likes, sentiment, label, confidence, aspects, scorer_version, story_id, version, ingested_at, prev_exists)
      SELECT 'bench', concat('src-', toString(n % {sources:UInt32})), toString(n),
             concat('brand-', toString(intDiv(n, {sources:UInt32}) % {brands:UInt32})), 'post',
             concat('https://bench.invalid/', toString(n)), 'bench', 'bench mention', 'en',
             fromUnixTimestamp64Milli(toInt64({from:Int64} + intDiv((n - {offset:UInt64}) * {span:UInt64}, {count:UInt64})), 'UTC') AS at,
             at, toUInt32(cityHash64(n) % 50),
             if(negative, -0.6, 0.4), if(negative, 'negative', 'positive'), 0.8,
             [tuple(['price', 'support', 'wait_time'][1 + cityHash64(n, 1) % 3], if(negative, -0.6, 0.4))],
             'bench', toString(n), 1, now64(3), 0
      FROM (SELECT number + {offset:UInt64} AS n, (cityHash64(number + {offset:UInt64}, 2) % 1000) < {negative:UInt32} AS negative
            FROM numbers({count:UInt64}))`,
    query_params: {
      sources: o.sourcesPerBrand,
      brands: o.brands,
      from: Math.floor(o.from),
      span: Math.floor(o.to - o.from),
      count: o.count,
      offset: o.offset ?? 0,
      negative: Math.round((o.negativeShare ?? 0.3) * 1000),
    },
  });
}
