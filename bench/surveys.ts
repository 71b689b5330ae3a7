/**
 * Survey import, embedded: a generated 10,000-response NPS export (CSV, with comments) read by the
 * `survey-file` connector, scored and stored through the ingest code path (`ingestBatch`, as the ingest
 * activity runs it, without Temporal's per-activity overhead), then the NPS read back from storage and
 * compared with the NPS computed from the generated scores. Prints the import time (target: under 10 s).
 * Usage: npx tsx bench/surveys.ts [-- <responses>]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { ingestBatch } from '../activities/ingest-page.js';
import { parseConfigText } from '../core/config/index.js';
import { createStore } from '../storage/client.js';
import { migrate } from '../storage/migrations/index.js';
import { npsScores } from '../storage/surveys.js';
import { composeActivityDeps } from '../worker/compose.js';

const responses = Number(process.argv[2] ?? 10_000);
const COMMENTS = [
  'The agent solved it in one call, thank you',
  'Waited forty minutes on hold, never again',
  'Fine overall, the app could be faster',
  '',
  'Refund still missing after two weeks',
  'Friendly crew and an easy check-in',
];

// A fixed linear congruential sequence, so every run imports the same file.
let seed = 42;
const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-surveys-'));
const file = join(dir, 'nps.csv');
const start = Date.UTC(2026, 2, 1);
let promoters = 0;
let detractors = 0;
const lines = ['response_id,submitted_at,score,comment,channel'];
for (let i = 0; i < responses; i++) {
  const score = Math.floor(next() * 11);
  if (score >= 9) promoters++;
  if (score <= 6) detractors++;
  const comment = COMMENTS[Math.floor(next() * COMMENTS.length)] as string;
  const at = new Date(start + Math.floor(next() * 30 * 86_400_000)).toISOString();
  lines.push(`resp-${i},${at},${score},"${comment}",${i % 3 === 0 ? 'email' : 'in-app'}`);
}
writeFileSync(file, `${lines.join('\n')}\n`);
const expectedNps = (100 * (promoters - detractors)) / responses;

const config = parseConfigText(`
brands:
  - { key: acme, name: Acme Air, query: '"acme air"' }
sources:
  - id: nps-export
    type: survey-file
    brands: [acme]
    options:
      path: ${JSON.stringify(file)}
      survey: nps
      settleSeconds: 0
      columns: { id: response_id, submittedAt: submitted_at, score: score, comment: comment, channel: channel }
`);

const logger = pino({ level: 'warn' });
const store = await createStore({ mode: 'embedded', dataDir: join(dir, 'clickhouse') }, logger);
try {
  await migrate(store);
  const deps = await composeActivityDeps({ config, env: {}, store, logger });
  const source = deps.sources.get('nps-export')!;
  let cursor: unknown = null;
  let stored = 0;
  let batches = 0;
  const started = performance.now();
  for (;;) {
    const batch = await ingestBatch(deps, source, source.connector, cursor);
    cursor = batch.cursor;
    stored += batch.new + batch.updated;
    batches++;
    if (batch.caughtUp) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const [row] = await npsScores(store, { from: start, to: start + 31 * 86_400_000, per: 'range' });
  console.log(
    `survey-file import: ${responses} responses (${stored} stored, ${batches} batches) in ${seconds.toFixed(2)} s ` +
      `(${Math.round(responses / seconds)} responses/s; target < 10 s)`,
  );
  console.log(
    `NPS from storage: ${row?.nps.toFixed(4)} over ${row?.responses} responses; ` +
      `from the generated scores: ${expectedNps.toFixed(4)} (${row && Math.abs(row.nps - expectedNps) < 1e-9 ? 'equal' : 'DIFFERENT'})`,
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
