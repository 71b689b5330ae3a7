/**
 * Whether a result may be sent as chDB streams it. chDB formats each chunk of a streamed result on its own,
 * so a format with a prefix or suffix (JSON's `meta`/`data`, XML, Pretty tables, Parquet or Arrow files)
 * would arrive as several documents glued together, and a `…WithNames` format would repeat its header rows
 * before every chunk. Row formats concatenate exactly; the header of a text `…WithNames[AndTypes]` format is
 * cut from every chunk after the first; anything else runs single-shot and is sent whole.
 */

/** How the chunks of a result in `format` are joined. */
export type ChunkFraming = { stream: true; headerLines: number } | { stream: false };

/** Formats whose chunks are plain sequences of rows (or, for Native, of self-describing blocks). */
const ROW_FORMATS = new Set([
  'JSONEachRow',
  'JSONLines',
  'NDJSON',
  'JSONStringsEachRow',
  'JSONCompactEachRow',
  'JSONCompactStringsEachRow',
  'TabSeparated',
  'TSV',
  'TabSeparatedRaw',
  'TSVRaw',
  'CSV',
  'RowBinary',
  'Native',
  'Values',
  'LineAsString',
  'Raw',
]);

/** Text formats whose `…WithNames` / `…WithNamesAndTypes` variants put one header line per kind. */
const HEADED_TEXT_FORMATS = new Set([
  'JSONCompactEachRow',
  'JSONCompactStringsEachRow',
  'TabSeparated',
  'TSV',
  'TabSeparatedRaw',
  'TSVRaw',
  'CSV',
]);

export function chunkFraming(format: string): ChunkFraming {
  if (ROW_FORMATS.has(format)) return { stream: true, headerLines: 0 };
  const headed = /^(\w+?)With(Names|NamesAndTypes)$/.exec(format);
  if (headed && HEADED_TEXT_FORMATS.has(headed[1]!)) {
    return { stream: true, headerLines: headed[2] === 'Names' ? 1 : 2 };
  }
  return { stream: false };
}

/** `chunk` without its first `lines` lines (the header chDB repeats before every chunk). */
export function withoutHeader(chunk: Uint8Array, lines: number): Uint8Array {
  let at = 0;
  for (let i = 0; i < lines; i++) {
    const newline = chunk.indexOf(0x0a, at);
    if (newline < 0) return chunk.subarray(chunk.length);
    at = newline + 1;
  }
  return chunk.subarray(at);
}
