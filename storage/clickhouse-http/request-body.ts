/** Reading a request body for the HTTP interface: size-limited, decompressed per Content-Encoding. */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { CODES, ClickHouseHttpError } from './errors.js';

/** Content-Encodings accepted on request bodies (what Node's zlib decodes). */
export const REQUEST_ENCODINGS = ['gzip', 'deflate', 'br'] as const;

function decoder(encoding: string): Transform | null {
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new ClickHouseHttpError(
        CODES.CANNOT_DECOMPRESS,
        `Unsupported Content-Encoding '${encoding.slice(0, 32)}': the embedded store accepts ${REQUEST_ENCODINGS.join(', ')}`,
      );
  }
}

/** Thrown when a body (raw or decompressed) passes the limit. */
export function tooLarge(limit: number): ClickHouseHttpError {
  return new ClickHouseHttpError(
    CODES.LIMIT_EXCEEDED,
    `Request body larger than ${limit} bytes (decompressed). Send smaller batches; the limit is the ` +
      '`--max-body-mb` of `earshot up`.',
    413,
  );
}

/**
 * The whole body, decompressed, at most `limit` bytes. Refuses early from Content-Length, and stops reading
 * as soon as the limit is passed (a zip bomb is cut at the limit too).
 */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit && !request.headers['content-encoding'])
    throw tooLarge(limit);
  const encoding = String(request.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const decode = decoder(encoding);
  const chunks: Buffer[] = [];
  let size = 0;
  const collect = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit) return done(tooLarge(limit));
      chunks.push(chunk);
      done();
    },
  });
  let raw = 0;
  const countRaw = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      raw += chunk.length;
      if (raw > limit) return done(tooLarge(limit));
      done(null, chunk);
    },
  });
  try {
    await pipeline([request, countRaw, ...(decode ? [decode] : []), collect] as unknown as [
      Readable,
      Transform,
    ]);
  } catch (error) {
    if (error instanceof ClickHouseHttpError) throw error;
    if (decode) {
      throw new ClickHouseHttpError(
        CODES.CANNOT_DECOMPRESS,
        `Cannot decompress the request body as ${encoding}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    throw error;
  }
  return Buffer.concat(chunks, size);
}
