/** CSV reading for the labeled data sets (csv-parse, RFC 4180: quoted fields, doubled quotes, newlines). */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { SentimentError } from '../../core/errors.js';

// The public data sets mix line endings and carry stray quotes inside unquoted fields and rows of varying
// length; the loaders index columns themselves and skip rows without a label.
const OPTIONS = {
  record_delimiter: ['\r\n', '\n', '\r'],
  relax_quotes: true,
  relax_column_count: true,
};

/**
 * Parses CSV text into rows of fields (empty lines become `['']`, nothing is trimmed or cast).
 * @throws CsvError (csv-parse) when a quoted field is never closed.
 */
export function parseCsv(text: string): string[][] {
  return parse(text, OPTIONS);
}

/**
 * Reads and parses a CSV file.
 * @throws SentimentError naming the file and the csv-parse error (with its line) when the file is not CSV.
 */
export function readCsv(file: string, encoding: BufferEncoding = 'utf8'): string[][] {
  const text = readFileSync(file, encoding);
  try {
    return parseCsv(text);
  } catch (error) {
    throw new SentimentError(
      `Cannot read ${file} as CSV: ${(error as Error).message}. Restore the file from its source (see the README of its folder).`,
      { cause: error },
    );
  }
}
