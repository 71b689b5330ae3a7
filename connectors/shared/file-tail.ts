/**
 * Reading export files that grow: CSV or JSON-lines files (or a folder of them) read from where the last
 * poll stopped. Each file's cursor is a byte offset, the line number there and a fingerprint (sha256) of
 * the bytes before it, capped at `HEAD_BYTES`: an appended file keeps them, a rewritten or truncated one
 * does not, and is then read again from its start (records are keyed by id, so nothing duplicates).
 * A record ends at a newline outside CSV quotes; a last record without one is read only once the file has
 * not changed for `settleMs`, so a row the exporter is still writing is never cut in half.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { ConnectorConfigError } from '../../core/errors.js';

/** How many leading bytes of a file the fingerprint covers. */
export const HEAD_BYTES = 4096;
/** Largest slice of a file read per call (a bigger file is read over several pages). */
export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;

/** File formats the care connectors read. */
export type FileFormat = 'csv' | 'jsonl';

/** Where the last poll stopped in one file. */
export interface FileMark {
  /** Bytes consumed (always at a record boundary). */
  offset: number;
  /** Newlines before `offset`, so record line numbers continue. */
  line: number;
  /** sha256 (hex) of the file's first `headBytes` bytes. */
  head: string;
  headBytes: number;
  /** The CSV header's column names, once read. */
  columns?: string[];
}

/** A cursor over a file or folder: one mark per file name. */
export interface FilesCursor {
  files: Record<string, FileMark>;
}

/** One record of a file: its 1-based starting line and its fields (CSV) or parsed line (JSON lines). */
export type FileRecord =
  | { line: number; kind: 'csv'; fields: string[] }
  | { line: number; kind: 'jsonl'; value: unknown }
  | { line: number; kind: 'broken'; reason: string };

/** What one read of one file gave. */
export interface FileChunk {
  records: FileRecord[];
  mark: FileMark;
  /** The file no longer starts as it did (rewritten or truncated): it was read again from its start. */
  rewritten: boolean;
  /** Nothing complete is left to read in the file right now. */
  atEnd: boolean;
}

/** Which files to read: `path` names one file, or a folder whose files with one of `extensions` are read. */
export interface FileSelection {
  path: string;
  extensions: readonly string[];
  sourceId: string;
}

/**
 * The files of a selection, sorted by name (exports named by date are then read oldest first).
 * @throws ConnectorConfigError when the path does not exist or is neither a file nor a folder.
 */
export function listFiles(selection: FileSelection): string[] {
  const { path, extensions, sourceId } = selection;
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    throw new ConnectorConfigError(
      `${sourceId}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}); ` +
        'set options.path to an existing file or folder',
      sourceId,
      { cause: error },
    );
  }
  if (stat.isFile()) return [path];
  if (!stat.isDirectory())
    throw new ConnectorConfigError(`${sourceId}: ${path} is neither a file nor a folder`, sourceId);
  return readdirSync(path)
    .filter((name) => extensions.includes(extname(name).toLowerCase()) && !name.startsWith('.'))
    .sort()
    .map((name) => join(path, name));
}

/** The format of a file: `format` when set, else from its extension (`.csv` / `.jsonl`, `.ndjson`, `.json`). */
export function formatOf(path: string, format: FileFormat | undefined): FileFormat {
  if (format) return format;
  return extname(path).toLowerCase() === '.csv' ? 'csv' : 'jsonl';
}

/** The key a file's mark is kept under: its name (a folder's files are distinct by name). */
export const fileKey = (path: string): string => basename(path);

/** Options of one `readNewRecords` call. */
export interface ReadOptions {
  format: FileFormat;
  /** CSV field delimiter. @default ',' */
  delimiter?: string;
  /** At most this many records (the header not counted). */
  maxRecords: number;
  /** A last record without a newline is read only when the file is older than this. */
  settleMs: number;
  now: number;
  /** Parses one CSV record's bytes into fields; throws when it is not CSV. */
  parseCsvRecord(bytes: Buffer): string[];
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function readBytes(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return buffer.subarray(0, done);
}

/**
 * Reads the records of `path` after `mark` (from the start when `mark` is absent or the file no longer
 * starts as it did). A line that is not a record (JSON that does not parse, CSV that does not split) is
 * returned as `broken` with its line number, never thrown.
 */
export function readNewRecords(path: string, mark: FileMark | undefined, options: ReadOptions): FileChunk {
  const fd = openSync(path, 'r');
  try {
    const stat = statSync(path);
    const size = stat.size;
    let rewritten = false;
    let start: FileMark = { offset: 0, line: 0, head: '', headBytes: 0 };
    if (mark) {
      const head =
        mark.headBytes > size
          ? undefined
          : mark.headBytes === 0
            ? mark.head
            : sha256(readBytes(fd, 0, mark.headBytes));
      if (size < mark.offset || head !== mark.head) rewritten = true;
      else start = mark;
    }
    const length = Math.min(size - start.offset, MAX_CHUNK_BYTES);
    const bytes = readBytes(fd, start.offset, length);
    const reachesEof = start.offset + bytes.length >= size;
    const settled = options.now - stat.mtimeMs >= options.settleMs;
    const split = splitRecords(bytes, options.format, options.delimiter ?? ',', reachesEof && settled);
    const records: FileRecord[] = [];
    let columns = start.columns;
    let consumed = 0;
    let line = start.line;
    for (const piece of split) {
      if (records.length >= options.maxRecords) break;
      const recordLine = line + 1;
      consumed = piece.end;
      line += piece.newlines;
      const raw = bytes.subarray(piece.start, piece.end);
      if (isBlank(raw)) continue;
      if (options.format === 'jsonl') {
        records.push(jsonRecord(raw, recordLine));
        continue;
      }
      let fields: string[];
      try {
        fields = options.parseCsvRecord(raw);
      } catch (error) {
        records.push({ line: recordLine, kind: 'broken', reason: `not a CSV row (${message(error)})` });
        continue;
      }
      if (columns === undefined) columns = fields.map((f) => f.trim());
      else records.push({ line: recordLine, kind: 'csv', fields });
    }
    const offset = start.offset + consumed;
    const headBytes = Math.min(offset, HEAD_BYTES);
    const next: FileMark = {
      offset,
      line,
      head: headBytes === start.headBytes ? start.head : sha256(readBytes(fd, 0, headBytes)),
      headBytes,
      ...(columns === undefined ? {} : { columns }),
    };
    const leftInChunk = split.length > 0 && consumed < (split.at(-1)?.end ?? 0);
    return { records, mark: next, rewritten, atEnd: !leftInChunk && reachesEof };
  } finally {
    closeSync(fd);
  }
}

function jsonRecord(raw: Buffer, line: number): FileRecord {
  try {
    return { line, kind: 'jsonl', value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch (error) {
    return { line, kind: 'broken', reason: `not JSON (${message(error)})` };
  }
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function isBlank(raw: Buffer): boolean {
  for (const byte of raw) if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d && byte !== 0x0a) return false;
  return true;
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const CR = 0x0d;

/** A record's byte range in a chunk (end after its newline) and the newlines it spans. */
interface Piece {
  start: number;
  end: number;
  newlines: number;
}

/**
 * Splits a chunk into records. JSON lines end at every newline; a CSV record ends at a newline outside a
 * quoted field (a quote opens one only at the start of a field, as RFC 4180 has it, so a stray quote in
 * the middle of a field cannot swallow the rest of the file). The unterminated tail counts as a record
 * only when `takeTail` (the file ends there and has settled) and, for CSV, no quoted field is still open.
 */
function splitRecords(bytes: Buffer, format: FileFormat, delimiter: string, takeTail: boolean): Piece[] {
  const pieces: Piece[] = [];
  const delim = delimiter.charCodeAt(0);
  const csv = format === 'csv';
  let start = 0;
  let newlines = 0;
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (c === NEWLINE) newlines++;
    if (csv && inQuotes) {
      if (c === QUOTE) {
        if (bytes[i + 1] === QUOTE) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === NEWLINE) {
      pieces.push({ start, end: i + 1, newlines });
      start = i + 1;
      newlines = 0;
      fieldStart = true;
    } else if (csv) {
      if (c === QUOTE && fieldStart) inQuotes = true;
      if (c === delim) fieldStart = true;
      else if (c !== CR) fieldStart = false;
    }
  }
  if (takeTail && start < bytes.length && !inQuotes) pieces.push({ start, end: bytes.length, newlines });
  return pieces;
}
