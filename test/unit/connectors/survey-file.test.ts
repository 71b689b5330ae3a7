import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../../core/logger.js';
import { silentLogger } from '../../../core/logger.js';
import { surveyFileConnector } from '../../../connectors/survey-file/index.js';
import { filesPosition } from '../../../connectors/shared/file-page.js';
import type { FilesCursor } from '../../../connectors/shared/file-tail.js';
import { ConnectorConfigError } from '../../../core/errors.js';
import { runConformanceSuite } from './conformance.js';
import { drain, instance, rejection } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'earshot-survey-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'response_id,created_at,score,comment,product,channel,email\n';
const CSV_ROWS = [
  'r1,2026-03-01T09:00:00Z,10,"Loved it, the crew was kind",Acme,email,a@x.test',
  'r2,2026-03-01T09:05:00Z,6,"Late again.\nSecond line of the comment",Acme,in-app,b@x.test',
  'r3,2026-03-01T09:10:00Z,8,"She said ""fine"" and left",Globex,email,c@x.test',
];
const csvFile = join(dir, 'responses.csv');
writeFileSync(csvFile, HEADER + CSV_ROWS.join('\n') + '\n');

const jsonDir = join(dir, 'jsonl');
mkdirSync(jsonDir);
writeFileSync(
  join(jsonDir, '2026-03-01.jsonl'),
  [
    {
      response_id: 'j1',
      created_at: '2026-03-01T10:00:00Z',
      score: 9,
      comment: 'Great app',
      product: 'acme',
    },
    { response_id: 'j2', created_at: 1772359200, score: 2, comment: 'Crashes', product: 'globex' },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n') + '\n',
);

const columns = {
  id: 'response_id',
  submittedAt: 'created_at',
  score: 'score',
  comment: 'comment',
  brand: 'product',
};
const options = (path: string, extra: Record<string, unknown> = {}) => ({
  path,
  survey: 'nps',
  columns,
  responseUrl: 'https://surveys.example.com/r/{id}',
  settleSeconds: 0,
  ...extra,
});

runConformanceSuite<unknown, FilesCursor>({
  definition: surveyFileConnector as never,
  options: () => options(csvFile, { maxRowsPerPage: 2 }),
  brands: [
    { key: 'acme', name: 'Acme', query: 'acme' },
    { key: 'globex', name: 'Globex', query: 'globex' },
  ],
  cursorPosition: filesPosition,
  pages: [{ title: 'a CSV export with quoted multi-line comments', setup: () => {}, minMentions: 3 }],
});

/** A logger that keeps warnings. */
function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const logger: Logger & { warnings: string[] } = {
    ...silentLogger,
    warnings,
    warn: (_fields: object, message?: string) => void warnings.push(message ?? ''),
    child: () => logger,
  };
  return logger;
}

const brands = [
  { key: 'acme', name: 'Acme', query: 'acme' },
  { key: 'globex', name: 'Globex', query: 'globex' },
];
const make = (opts: Record<string, unknown>, logger: Logger = silentLogger) =>
  instance(surveyFileConnector, opts, { brands, logger, now: () => Date.now() });
const all = async (c: ReturnType<typeof make>, cursor: FilesCursor | null = null) => {
  const pages = await drain(c, cursor, 50);
  return {
    mentions: pages.flatMap((p) => p.mentions),
    skipped: pages.reduce((n, p) => n + p.skippedInvalid, 0),
    cursor: pages.at(-1)!.cursor,
  };
};

describe('survey-file specifics', () => {
  it('maps CSV columns: id, time, score as a rating on its scale, comment, brand, channel, respondent', async () => {
    const { mentions } = await all(
      make(options(csvFile, { columns: { ...columns, channel: 'channel', respondent: 'email' } })),
    );
    expect(mentions.map((m) => [m.native_id, m.attributed_brand, m.rating, m.text])).toEqual([
      ['r1', 'acme', { value: 10, scale: 10 }, 'Loved it, the crew was kind'],
      ['r2', 'acme', { value: 6, scale: 10 }, 'Late again.\nSecond line of the comment'],
      ['r3', 'globex', { value: 8, scale: 10 }, 'She said "fine" and left'],
    ]);
    expect(mentions[1]).toMatchObject({
      kind: 'survey',
      source: 'survey-file',
      author: 'b@x.test',
      url: 'https://surveys.example.com/r/r2',
      published_at: Date.parse('2026-03-01T09:05:00Z'),
      care: { kind: 'survey', survey: 'nps', score: 6, channel: 'in-app', respondent: 'b@x.test' },
    });
  });

  it('reads a folder of JSON-lines files (epoch seconds too) and CSAT on a 1–5 scale', async () => {
    // j1's 9 is out of the CSAT range: skipped; j2's 2 is kept.
    const csat = await all(make(options(jsonDir, { survey: 'csat', columns })));
    expect(csat.skipped).toBe(1);
    expect(csat.mentions.map((m) => [m.native_id, m.attributed_brand, m.rating, m.published_at])).toEqual([
      ['j2', 'globex', { value: 2, scale: 5 }, 1772359200_000],
    ]);
    const nps = await all(make(options(jsonDir, { columns })));
    expect(nps.mentions.map((m) => [m.native_id, m.rating])).toEqual([
      ['j1', { value: 9, scale: 10 }],
      ['j2', { value: 2, scale: 10 }],
    ]);
  });

  it('re-reading a grown file adds only the new rows', async () => {
    const file = join(dir, 'grow.csv');
    writeFileSync(file, HEADER + CSV_ROWS[0] + '\n');
    const first = await all(make(options(file)));
    expect(first.mentions.map((m) => m.native_id)).toEqual(['r1']);
    // A row still being written (no newline yet, file just modified) is left for the next poll.
    appendFileSync(file, CSV_ROWS[1] + '\n' + 'r3,2026-03-01T09:10:00Z,8,"half a comm');
    const slow = make(options(file, { settleSeconds: 60 }));
    const second = await all(slow, first.cursor);
    expect(second.mentions.map((m) => m.native_id)).toEqual(['r2']);
    appendFileSync(file, 'ent",Globex\n');
    const third = await all(slow, second.cursor);
    expect(third.mentions.map((m) => [m.native_id, m.text])).toEqual([['r3', 'half a comment']]);
    expect(filesPosition(third.cursor)).toBeGreaterThan(filesPosition(second.cursor));
    const fourth = await all(slow, third.cursor);
    expect(fourth.mentions).toEqual([]);
  });

  it('a rewritten or truncated file is read again from its start, with a warning', async () => {
    const file = join(dir, 'rewrite.csv');
    writeFileSync(file, HEADER + CSV_ROWS.join('\n') + '\n');
    const logger = recordingLogger();
    const first = await all(make(options(file), logger));
    expect(first.mentions).toHaveLength(3);
    // Shorter than before (truncated) and a different head: both detected.
    writeFileSync(file, HEADER + 'r1,2026-03-01T09:00:00Z,3,"Changed my mind",Acme\n');
    const again = await all(make(options(file), logger), first.cursor);
    expect(again.mentions.map((m) => [m.native_id, m.rating?.value])).toEqual([['r1', 3]]);
    expect(logger.warnings.join('\n')).toMatch(/rewrite\.csv no longer starts as it did/);
    // Same length, different bytes before the offset: also a rewrite.
    const same = await all(make(options(file), logger), again.cursor);
    expect(same.mentions).toEqual([]);
    writeFileSync(file, HEADER + 'r1,2026-03-01T09:00:00Z,4,"Changed my mind",Acme\n');
    const edited = await all(make(options(file), logger), same.cursor);
    expect(edited.mentions.map((m) => m.rating?.value)).toEqual([4]);
  });

  it('skips malformed rows, counting them and logging each with its line number', async () => {
    const file = join(dir, 'broken.csv');
    writeFileSync(
      file,
      HEADER +
        [
          'ok1,2026-03-01T09:00:00Z,9,fine,Acme', // line 2
          ',2026-03-01T09:00:00Z,9,no id,Acme', // line 3
          'bad2,yesterday-ish,9,bad time,Acme', // line 4
          'bad3,2026-03-01T09:00:00Z,11,too high,Acme', // line 5
          'bad4,2026-03-01T09:00:00Z,7.5,not whole,Acme', // line 6
          'bad5,2026-03-01T09:00:00Z,9,unknown brand,Initech', // line 7
          'ok2,2026-03-01T09:00:00Z,0,"two', // line 8
          'lines",Acme', // line 9
          'bad6,2026-03-01T09:00:00Z,,no score,Acme', // line 10
        ].join('\n') +
        '\n',
    );
    const logger = recordingLogger();
    const { mentions, skipped } = await all(make(options(file), logger));
    expect(mentions.map((m) => m.native_id)).toEqual(['ok1', 'ok2']);
    expect(skipped).toBe(6);
    const lines = logger.warnings.map((w) => /broken\.csv:(\d+)/.exec(w)?.[1]).map(Number);
    expect(lines).toEqual([3, 4, 5, 6, 7, 10]);
    expect(logger.warnings[0]).toMatch(/no value in "response_id" \(options\.columns\.id\)/);
    expect(logger.warnings[4]).toMatch(/brand "Initech" is not one of this source's brands \(acme, globex\)/);
  });

  it('skips JSON lines that do not parse, with their line numbers', async () => {
    const file = join(dir, 'broken.jsonl');
    writeFileSync(
      file,
      '{"response_id":"a","created_at":"2026-03-01T09:00:00Z","score":9,"comment":"","product":"acme"}\n' +
        '{"response_id": "b", oops\n\n' +
        '[1,2]\n' +
        '{"response_id":"c","created_at":"2026-03-01T09:00:00Z","score":"7","product":"Globex"}\n',
    );
    const logger = recordingLogger();
    const { mentions, skipped } = await all(make(options(file), logger));
    expect(mentions.map((m) => [m.native_id, m.text, m.rating?.value])).toEqual([
      ['a', '', 9],
      ['c', '', 7],
    ]);
    expect(skipped).toBe(2);
    expect(
      logger.warnings.map((w) => /broken\.jsonl:(\d+): (not JSON|not a JSON object)/.exec(w)?.[1]),
    ).toEqual(['2', '4']);
  });

  it('names a mapped column the CSV header lacks, and the columns it has', async () => {
    const error = await rejection(
      make(options(csvFile, { columns: { ...columns, score: 'nps' } })).fetchPage(null),
    );
    expect(error).toBeInstanceOf(ConnectorConfigError);
    expect(error.message).toMatch(/has no column "nps" \(options\.columns\.score\)/);
    expect(error.message).toMatch(/its header has: "response_id", "created_at", "score"/);
  });

  it('names a mapped field no JSON line has', async () => {
    const error = await rejection(
      make(options(jsonDir, { columns: { ...columns, id: 'uuid' } })).fetchPage(null),
    );
    expect(error).toBeInstanceOf(ConnectorConfigError);
    expect(error.message).toMatch(/no row of .* has a value in "uuid" \(options\.columns\.id\)/);
  });

  it('refuses several brands without a brand column, and a path that does not exist', async () => {
    const noBrand = make(options(csvFile, { columns: { ...columns, brand: undefined } }));
    expect((await rejection(noBrand.fetchPage(null))).message).toMatch(
      /lists 2 brands .* options\.columns\.brand/,
    );
    expect(await noBrand.check()).toMatchObject({ ok: false });
    const missing = make(options(join(dir, 'nope.csv')));
    expect((await rejection(missing.fetchPage(null))).message).toMatch(/cannot read .*nope\.csv \(ENOENT\)/);
    expect(await make(options(csvFile)).check()).toMatchObject({ ok: true });
  });

  it('parse() previews an export with the default column names', () => {
    const body =
      'id,submitted_at,score,comment,survey\nx1,2026-03-01T09:00:00Z,4,"Good",csat\nx2,2026-03-01,99,bad,nps\n';
    const parsed = surveyFileConnector.parse(body);
    expect(parsed.mentions.map((m) => [m.native_id, m.rating])).toEqual([['x1', { value: 4, scale: 5 }]]);
    expect(parsed.skippedInvalid).toBe(1);
    expect(() => surveyFileConnector.parse('garbage')).toThrow(/no record/);
  });
});
