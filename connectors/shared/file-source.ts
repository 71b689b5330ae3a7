/**
 * The connector and the `parse` preview every export-file source (survey-file, tickets-file) shares: the
 * source reads its rows with `readFilesPage`; `check()` says how many files the path holds.
 */
import type { Connector, ConnectorContext, ParsedBody } from '../../core/connector.js';
import { ConnectorConfigError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { safeCheck } from '../../platform/health.js';
import { requireSingleBrandOrColumn } from './care-source.js';
import { csvRecordParser, csvRow, jsonRow, RowProblem, type Row } from './care-rows.js';
import { listFiles, type FilesCursor } from './file-tail.js';
import { readFilesPage, type FilePageSpec } from './file-page.js';

/** File extensions a folder source reads. */
export const EXPORT_FILE_EXTENSIONS = ['.csv', '.jsonl', '.ndjson'] as const;

/** The connector of a file source: `spec` says how to read rows, `brandColumn` whether rows name a brand. */
export function fileSourceConnector(
  ctx: ConnectorContext<unknown>,
  spec: FilePageSpec,
  brandColumn: string | undefined,
): Connector<FilesCursor> {
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

/** Mapping option → column, for `FilePageSpec.optionalColumns`. */
export function optionalColumns(
  columns: Readonly<Record<string, string | null | undefined>>,
): Record<string, string | null | undefined> {
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => [`columns.${k}`, v]));
}
