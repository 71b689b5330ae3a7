import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SentimentError } from '../../../core/errors.js';
import { parseCsv, readCsv } from '../../../sentiment/eval/csv.js';

describe('parseCsv (the shapes found in the public data sets)', () => {
  it('accepts mixed line endings in one file', () => {
    expect(parseCsv('a\r\nb\nc\rd')).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('keeps rows of different lengths and empty lines', () => {
    expect(parseCsv('a,b\nc\n\nd,\n')).toEqual([['a', 'b'], ['c'], [''], ['d', '']]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parseCsv('5 "stars" from me,x\n')).toEqual([['5 "stars" from me', 'x']]);
  });

  it('keeps line breaks inside quoted fields as they are', () => {
    expect(parseCsv('"one\r\ntwo",3\n')).toEqual([['one\r\ntwo', '3']]);
  });
});

describe('readCsv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads latin-1 files', () => {
    const file = join(dir, 'latin1.csv');
    writeFileSync(file, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2c, 0x31, 0x0a])); // "café,1\n"
    expect(readCsv(file, 'latin1')).toEqual([['café', '1']]);
  });

  it('names the file when a quoted field is never closed', () => {
    const file = join(dir, 'broken.csv');
    writeFileSync(file, 'a,b\n"never closed,c\n');
    expect(() => readCsv(file)).toThrow(SentimentError);
    expect(() => readCsv(file)).toThrow(/broken\.csv as CSV: .*Quote Not Closed/);
  });
});
