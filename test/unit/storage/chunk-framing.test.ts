import { describe, expect, it } from 'vitest';
import { chunkFraming, withoutHeader } from '../../../storage/clickhouse-http/chunk-framing.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array): string => new TextDecoder().decode(data);

describe('chunkFraming', () => {
  it('streams row formats as chDB sends them', () => {
    for (const format of [
      'JSONEachRow',
      'JSONCompactEachRow',
      'TabSeparated',
      'CSV',
      'RowBinary',
      'Native',
    ]) {
      expect(chunkFraming(format), format).toEqual({ stream: true, headerLines: 0 });
    }
  });

  it('streams a text format with names, cutting the header chDB repeats before each later chunk', () => {
    expect(chunkFraming('JSONCompactEachRowWithNamesAndTypes')).toEqual({ stream: true, headerLines: 2 });
    expect(chunkFraming('CSVWithNames')).toEqual({ stream: true, headerLines: 1 });
    expect(chunkFraming('TSVWithNamesAndTypes')).toEqual({ stream: true, headerLines: 2 });
  });

  it('sends whole the formats whose chunks would be separate documents (or binary headers)', () => {
    for (const format of [
      'JSON',
      'JSONCompact',
      'XML',
      'Pretty',
      'Parquet',
      'Arrow',
      'RowBinaryWithNamesAndTypes',
    ]) {
      expect(chunkFraming(format), format).toEqual({ stream: false });
    }
  });
});

describe('withoutHeader', () => {
  it('drops exactly the first n lines', () => {
    expect(text(withoutHeader(bytes('["n"]\n["UInt64"]\n[1]\n[2]\n'), 2))).toBe('[1]\n[2]\n');
    expect(text(withoutHeader(bytes('n\n1\n'), 1))).toBe('1\n');
    expect(text(withoutHeader(bytes('only a header'), 1))).toBe('');
  });
});
