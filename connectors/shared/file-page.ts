/**
 * One connector page over export files (a file or a folder): the records added since the cursor, turned
 * into mentions by the source's row mapping. Malformed rows are skipped, counted and logged with their file
 * and line number; a CSV header that lacks a mapped column is a config error naming the option.
 */
import type { PageResult } from '../../core/connector.js';
import { ConnectorConfigError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { FetchedMention } from '../../core/mention.js';
import { csvRecordParser, csvRow, jsonRow, RowProblem, type Row } from './care-rows.js';
import {
  fileKey,
  formatOf,
  listFiles,
  readNewRecords,
  type FileFormat,
  type FileMark,
  type FileRecord,
  type FilesCursor,
} from './file-tail.js';

/** Skipped rows logged one by one per page; the rest are summed up in one line. */
export const SKIPPED_ROWS_LOGGED = 20;

/** Where a row is, for its mapping and for messages. */
export interface RowPlace {
  file: string;
  line: number;
}

/** How one file-reading source reads its rows. */
export interface FilePageSpec {
  sourceId: string;
  logger: Logger;
  now: () => number;
  path: string;
  /** File extensions read from a folder, lower-case with the dot. */
  extensions: readonly string[];
  format?: FileFormat;
  delimiter: string;
  /** A last row without a newline is read once the file has not changed for this long. */
  settleMs: number;
  /** Rows per page. */
  maxRows: number;
  /** Mapping option → column for every column a row must have (`columns.id` → `response_id`). */
  requiredColumns: Readonly<Record<string, string>>;
  /** Mapping option → column for the optional ones (checked against a CSV header when mapped). */
  optionalColumns: Readonly<Record<string, string | null | undefined>>;
  /** What a row is, for messages ("survey response"). */
  what: string;
  /** Turns a row into a mention. @throws RowProblem when the row cannot be one (skipped and counted). */
  toMention(row: Row, place: RowPlace): FetchedMention;
}

/** A cursor's position for "only moves forward" checks: the bytes consumed over every file. */
export const filesPosition = (cursor: FilesCursor): number =>
  Object.values(cursor.files).reduce((sum, mark) => sum + mark.offset, 0);

/**
 * Reads the next page of rows after `cursor`. Caught up when no file has a complete unread row.
 * @throws ConnectorConfigError when the path cannot be read or a CSV header lacks a mapped column.
 */
export function readFilesPage(spec: FilePageSpec, cursor: FilesCursor | null): PageResult<FilesCursor> {
  const files = listFiles({ path: spec.path, extensions: spec.extensions, sourceId: spec.sourceId });
  const marks: Record<string, FileMark> = {};
  const mentions: FetchedMention[] = [];
  const skipped: Array<RowPlace & { reason: string }> = [];
  const parseCsvRecord = csvRecordParser(spec.delimiter);
  let caughtUp = true;
  for (const path of files) {
    const key = fileKey(path);
    const previous = cursor?.files[key];
    const budget = spec.maxRows - mentions.length - skipped.length;
    if (budget <= 0) {
      if (previous) marks[key] = previous;
      caughtUp = false;
      continue;
    }
    const format = formatOf(path, spec.format);
    const chunk = readNewRecords(path, previous, {
      format,
      delimiter: spec.delimiter,
      maxRecords: budget,
      settleMs: spec.settleMs,
      now: spec.now(),
      parseCsvRecord,
    });
    if (chunk.rewritten)
      spec.logger.warn(
        { source: spec.sourceId, file: path },
        `${path} no longer starts as it did when last read (rewritten or truncated): reading it again from the start; rows already stored are recognised by their id`,
      );
    if (format === 'csv' && chunk.mark.columns) checkHeader(spec, path, chunk.mark.columns);
    const rows = rowsOf(spec, path, chunk.records, chunk.mark.columns ?? []);
    mentions.push(...rows.mentions);
    skipped.push(...rows.skipped);
    if (format === 'jsonl') checkJsonMapping(spec, path, rows);
    marks[key] = chunk.mark;
    if (!chunk.atEnd) caughtUp = false;
  }
  logSkipped(spec, skipped);
  return { mentions, cursor: { files: marks }, caughtUp, skippedInvalid: skipped.length };
}

interface Rows {
  mentions: FetchedMention[];
  skipped: Array<RowPlace & { reason: string; option?: string }>;
  firstNames?: string[];
}

function rowsOf(spec: FilePageSpec, file: string, records: readonly FileRecord[], columns: string[]): Rows {
  const out: Rows = { mentions: [], skipped: [] };
  const seen = new Set<string>();
  for (const record of records) {
    const place = { file, line: record.line };
    try {
      if (record.kind === 'broken') throw new RowProblem(record.reason);
      const row = record.kind === 'csv' ? csvRow(columns, record.fields) : jsonRow(record.value);
      out.firstNames ??= row.names();
      const mention = spec.toMention(row, place);
      // A file that lists a response twice: the later row is the newer state, as a re-delivery would be.
      if (seen.has(mention.native_id)) {
        const at = out.mentions.findIndex((m) => m.native_id === mention.native_id);
        out.mentions.splice(at, 1);
      }
      seen.add(mention.native_id);
      out.mentions.push(mention);
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      out.skipped.push({
        ...place,
        reason: error.message,
        ...(error.option ? { option: error.option } : {}),
      });
    }
  }
  return out;
}

function checkHeader(spec: FilePageSpec, file: string, header: readonly string[]): void {
  const mapped = { ...spec.requiredColumns, ...spec.optionalColumns };
  const missing = Object.entries(mapped).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && !header.includes(entry[1]),
  );
  if (missing.length === 0) return;
  throw new ConnectorConfigError(
    `${spec.sourceId}: ${file} has no column ${missing.map(([option, column]) => `"${column}" (options.${option})`).join(', ')}; ` +
      `its header has: ${header.map((h) => JSON.stringify(h)).join(', ')}. Fix options.columns to name the export's columns`,
    spec.sourceId,
  );
}

/** JSON lines have no header: a mapping is wrong when every row of a chunk misses the same mapped field. */
function checkJsonMapping(spec: FilePageSpec, file: string, rows: Rows): void {
  const [first] = rows.skipped;
  if (rows.mentions.length > 0 || first?.option === undefined || rows.skipped.length < 2) return;
  if (!rows.skipped.every((s) => s.option === first.option)) return;
  const column = { ...spec.requiredColumns, ...spec.optionalColumns }[first.option];
  throw new ConnectorConfigError(
    `${spec.sourceId}: no row of ${file} has a value in "${column}" (options.${first.option}); ` +
      `its rows have: ${(rows.firstNames ?? []).map((n) => JSON.stringify(n)).join(', ')}. Fix options.columns`,
    spec.sourceId,
  );
}

function logSkipped(spec: FilePageSpec, skipped: ReadonlyArray<RowPlace & { reason: string }>): void {
  for (const s of skipped.slice(0, SKIPPED_ROWS_LOGGED))
    spec.logger.warn(
      { source: spec.sourceId, file: s.file, line: s.line, reason: s.reason },
      `skipped ${spec.what} at ${s.file}:${s.line}: ${s.reason}`,
    );
  if (skipped.length > SKIPPED_ROWS_LOGGED)
    spec.logger.warn(
      { source: spec.sourceId, skipped: skipped.length },
      `skipped ${skipped.length - SKIPPED_ROWS_LOGGED} more malformed rows on this page (lines ${skipped
        .slice(SKIPPED_ROWS_LOGGED)
        .map((s) => s.line)
        .join(', ')
        .slice(0, 500)})`,
    );
}
