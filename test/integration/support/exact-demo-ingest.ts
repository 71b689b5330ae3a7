/**
 * The check behind the "nothing lost, nothing duplicated" tests: after a demo ingest that workers were
 * killed in, the stored rows are exactly what the deterministic demo generator produced.
 */
import { expect } from 'vitest';
import { mentionsForMinute } from '../../../connectors/demo/generate.js';
import { DemoOptionsSchema } from '../../../connectors/demo/index.js';

/** Runs a read query and returns rows as objects (in-process store or an HTTP client alike). */
export type RowsOf = <T>(sql: string) => Promise<T[]>;

/**
 * Asserts, for source `sourceId` generated with `demoOptions` for brand `acme`: one row per mention (raw =
 * FINAL), the hourly aggregate counts each once, one successful run, and every generated mention between the
 * first and last stored one is there. Returns how many mentions are stored.
 */
export async function expectExactDemoIngest(
  rows: RowsOf,
  sourceId: string,
  demoOptions: Record<string, unknown>,
): Promise<number> {
  const ids = await rows<{ native_id: string; t: string }>(
    `SELECT native_id, toUnixTimestamp64Milli(published_at) AS t FROM earshot.mentions FINAL WHERE source_id = '${sourceId}'`,
  );
  const [counts] = await rows<{ raw: number; final: number; volume: number; runs: number }>(
    `SELECT (SELECT count() FROM earshot.mentions WHERE source_id = '${sourceId}') AS raw,
            (SELECT count() FROM earshot.mentions FINAL WHERE source_id = '${sourceId}') AS final,
            (SELECT sum(volume) FROM earshot.mention_hourly WHERE source_id = '${sourceId}') AS volume,
            (SELECT count() FROM earshot.ingest_runs FINAL WHERE source_id = '${sourceId}' AND status = 'ok') AS runs`,
  );
  // Duplicates nothing: one row per mention, and the aggregates count each once.
  expect(Number(counts!.raw)).toBe(Number(counts!.final));
  expect(Number(counts!.volume)).toBe(Number(counts!.final));
  expect(Number(counts!.runs)).toBe(1);

  // Loses nothing: every mention the generator produced between the first and last stored one is there.
  const times = ids.map((r) => Number(r.t));
  const from = times.reduce((a, b) => Math.min(a, b), Infinity);
  const to = times.reduce((a, b) => Math.max(a, b), -Infinity);
  const options = DemoOptionsSchema.parse(demoOptions);
  const brands = [{ key: 'acme', name: 'Acme', query: 'acme' }];
  const expected = new Set<string>();
  for (let minute = Math.floor(from / 60_000); minute <= Math.floor(to / 60_000); minute++) {
    for (const m of mentionsForMinute(options, brands, minute)) {
      if (m.published_at >= from && m.published_at <= to) expected.add(m.native_id);
    }
  }
  const stored = new Set(ids.map((r) => r.native_id));
  expect(stored.size).toBe(ids.length);
  expect([...expected].filter((id) => !stored.has(id))).toEqual([]);
  expect(stored.size).toBe(expected.size);
  return stored.size;
}
