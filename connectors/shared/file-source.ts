/**
 * What every export-file source (survey-file, tickets-file) shares: its file options, its connector (rows
 * read with `readFilesPage`; `check()` says how many files the path holds) and the `parse` preview.
 */
import { z } from 'zod';
import type { Connector, ConnectorContext, ParsedBody } from '../../core/connector.js';
import { ConnectorConfigError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { safeCheck } from '../../platform/health.js';
import { requireSingleBrandOrColumn } from './care-source.js';
import { csvRecordParser, csvRow, jsonRow, RowProblem, type Row } from './care-rows.js';
import { listFiles, type FilesCursor } from './file-tail.js';
import { readFilesPage, type FilePageSpec } from './file-page.js';
import type { FileFormat } from './file-tail.js';

/** File extensions a folder source reads. */
export const EXPORT_FILE_EXTENSIONS = ['.csv', '.jsonl', '.ndjson'] as const;

/** The options every export-file source has (zod fields, spread into its options schema). */
export const exportFileOptions = {
  /** A CSV / JSON-lines file, or a folder whose `.csv`, `.jsonl` and `.ndjson` files are all read. */
  path: z.string().min(1),
  /** File format; by default `.csv` files are CSV and every other file JSON lines. */
  format: z.enum(['csv', 'jsonl']).optional(),
  /** CSV field delimiter. @default "," */
  delimiter: z.string().length(1).default(','),
  /** Rows read per page. @default 5000 */
  maxRowsPerPage: z.number().int().min(1).max(50_000).default(5000),
  /** A last row without a newline is read once the file has not changed for this many seconds. @default 2 */
  settleSeconds: z.number().min(0).max(3600).default(2),
};

/** The parsed `exportFileOptions` with the source's column mapping. */
export interface ExportFileOptions {
  path: string;
  format?: FileFormat;
  delimiter: string;
  maxRowsPerPage: number;
  settleSeconds: number;
  columns: Readonly<Record<string, string | null | undefined>> & { brand?: string };
}

/** How an export-file source reads its rows. */
export interface ExportRows {
  /** Mapping fields whose column every row must have (a CSV header lacking one is a config error). */
  required: readonly string[];
  /** What a row is, for messages ("survey response"). */
  what: string;
  toMention: FilePageSpec['toMention'];
}

/**
 * The connector of an export-file source. Every mapped column must exist in a CSV header, so a typo in
 * the mapping is caught at once; empty cells of optional fields are fine.
 */
export function exportFileConnector(
  ctx: ConnectorContext<ExportFileOptions>,
  rows: ExportRows,
): Connector<FilesCursor> {
  const { options } = ctx;
  const columns = Object.entries(options.columns).map(([k, v]) => [`columns.${k}`, v] as const);
  const required = new Set(rows.required.map((k) => `columns.${k}`));
  const spec: FilePageSpec = {
    sourceId: ctx.sourceId,
    logger: ctx.logger,
    now: ctx.now,
    path: options.path,
    extensions: EXPORT_FILE_EXTENSIONS,
    format: options.format,
    delimiter: options.delimiter,
    settleMs: options.settleSeconds * 1000,
    maxRows: options.maxRowsPerPage,
    requiredColumns: Object.fromEntries(
      columns.flatMap(([k, v]) => (required.has(k) && typeof v === 'string' ? [[k, v]] : [])),
    ),
    optionalColumns: Object.fromEntries(columns.filter(([k]) => !required.has(k))),
    what: rows.what,
    toMention: rows.toMention,
  };
  const brandColumn = options.columns.brand;
  return {
    check: () =>
      safeCheck(async () => {
        requireSingleBrandOrColumn(ctx, brandColumn);
        const files = listFiles({ path: spec.path, extensions: spec.extensions, sourceId: ctx.sourceId });
        return `${files.length} file(s) at ${spec.path}`;
      }),
    async fetchPage(cursor) {
      requireSingleBrandOrColumn(ctx, brandColumn);
      return readFilesPage(spec, cursor);
    },
  };
}

/**
 * A preview of an export body (`earshot connectors parse <type> <file>`), line by line with the default
 * column names: JSON lines when the body starts with `{`, else CSV with a header. A quoted CSV field that
 * spans lines is read by the connector, not by this preview.
 * @throws ConnectorConfigError naming `expected` when no row reads as a record.
 */
export function parseExportPreview(
  body: string,
  sourceId: string,
  expected: string,
  toMention: (row: Row) => FetchedMention,
): ParsedBody {
  const lines = body.split(/\r?\n/);
  const json = body.trimStart().startsWith('{');
  const parseRecord = csvRecordParser(',');
  const header = json ? [] : parseRecord(Buffer.from(lines[0] ?? '')).map((c) => c.trim());
  const out: ParsedBody = { mentions: [], skippedInvalid: 0 };
  for (const line of lines.slice(json ? 0 : 1)) {
    if (!line.trim()) continue;
    try {
      out.mentions.push(toMention(previewRow(line, json, header, parseRecord)));
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      out.skippedInvalid++;
    }
  }
  if (out.mentions.length === 0)
    throw new ConnectorConfigError(`no record in the body; expected ${expected}`, sourceId);
  return out;
}

function previewRow(
  line: string,
  json: boolean,
  header: string[],
  parseRecord: (b: Buffer) => string[],
): Row {
  try {
    return json ? jsonRow(JSON.parse(line)) : csvRow(header, parseRecord(Buffer.from(line)));
  } catch (error) {
    if (error instanceof RowProblem) throw error;
    throw new RowProblem(json ? 'not JSON' : 'not a CSV row');
  }
}
