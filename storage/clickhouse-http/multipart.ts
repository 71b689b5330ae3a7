/**
 * `multipart/form-data` request bodies: @clickhouse/client moves long query parameters (over 4 KiB) into
 * one, with parts `query` and `param_<name>`, as ClickHouse accepts. Only text fields are read; file parts
 * (external tables) are refused, since the embedded store does not support external data.
 */
import { CODES, ClickHouseHttpError } from './errors.js';

/** The boundary of a multipart Content-Type, or null for any other body. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary)
    throw new ClickHouseHttpError(CODES.BAD_ARGUMENTS, 'multipart/form-data body without a boundary', 400);
  return boundary;
}

/** The body's fields, name → text. */
export function parseMultipart(body: Buffer, boundary: string): Map<string, string> {
  const fields = new Map<string, string>();
  const text = body.toString('utf8');
  const delimiter = `--${boundary}`;
  const pieces = text.split(delimiter);
  if (pieces.length < 2) throw malformed();
  // pieces[0] is the preamble, the last one starts with `--` (the close delimiter).
  for (const piece of pieces.slice(1)) {
    if (piece.startsWith('--')) break;
    const headerEnd = piece.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw malformed();
    const headers = piece.slice(0, headerEnd);
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) throw malformed();
    if (/\bfilename=/i.test(disposition)) {
      throw new ClickHouseHttpError(
        CODES.NOT_IMPLEMENTED,
        `External data (multipart file part '${name.slice(0, 64)}') is not supported by the embedded store`,
      );
    }
    let value = piece.slice(headerEnd + 4);
    if (value.endsWith('\r\n')) value = value.slice(0, -2);
    fields.set(name, value);
  }
  return fields;
}

function malformed(): ClickHouseHttpError {
  return new ClickHouseHttpError(CODES.BAD_ARGUMENTS, 'Malformed multipart/form-data body', 400);
}
