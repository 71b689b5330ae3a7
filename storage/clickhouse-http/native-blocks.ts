/**
 * chDB writes the Native format as protocol revision 0 (it has no client to negotiate with), while a client
 * that sends `client_protocol_version=N` over HTTP (clickhouse-go does) reads each block as a server of
 * revision N writes it: a BlockInfo header first and, per column, a "custom serialization" flag after the
 * type name. This adapter inserts exactly those bytes and copies everything else; column data is only
 * walked, to find where each column and block ends.
 */

/** First revision with BlockInfo in Native blocks over HTTP (clickhouse-go reads it for any revision > 0). */
const BLOCK_INFO = Buffer.from([0x01, 0x00, 0x02, 0xff, 0xff, 0xff, 0xff, 0x00]);
/** DBMS_MIN_REVISION_WITH_CUSTOM_SERIALIZATION */
const CUSTOM_SERIALIZATION_REVISION = 54454;

class NeedMore extends Error {}

/** A type name parsed into its name and arguments (`Array(Nullable(String))`). */
interface TypeNode {
  name: string;
  args: TypeNode[];
  /** Raw argument text, for numeric arguments (FixedString(16), Decimal(10, 2)). */
  raw: string[];
}

const FIXED: Readonly<Record<string, number>> = {
  UInt8: 1,
  Int8: 1,
  Bool: 1,
  Enum8: 1,
  Nothing: 1,
  UInt16: 2,
  Int16: 2,
  Date: 2,
  Enum16: 2,
  BFloat16: 2,
  UInt32: 4,
  Int32: 4,
  Float32: 4,
  Date32: 4,
  DateTime: 4,
  IPv4: 4,
  Decimal32: 4,
  Time: 4,
  UInt64: 8,
  Int64: 8,
  Float64: 8,
  DateTime64: 8,
  Decimal64: 8,
  Time64: 8,
  IntervalSecond: 8,
  IntervalMinute: 8,
  IntervalHour: 8,
  IntervalDay: 8,
  IntervalWeek: 8,
  IntervalMonth: 8,
  IntervalQuarter: 8,
  IntervalYear: 8,
  IntervalMillisecond: 8,
  IntervalMicrosecond: 8,
  IntervalNanosecond: 8,
  UInt128: 16,
  Int128: 16,
  UUID: 16,
  IPv6: 16,
  Decimal128: 16,
  UInt256: 32,
  Int256: 32,
  Decimal256: 32,
};

const ALIASES: Readonly<Record<string, string>> = {
  Point: 'Tuple(Float64, Float64)',
  Ring: 'Array(Tuple(Float64, Float64))',
  LineString: 'Array(Tuple(Float64, Float64))',
  Polygon: 'Array(Array(Tuple(Float64, Float64)))',
  MultiLineString: 'Array(Array(Tuple(Float64, Float64)))',
  MultiPolygon: 'Array(Array(Array(Tuple(Float64, Float64))))',
};

/** Splits `a, b(c, d), 'e,f'` at top-level commas. */
function splitArgs(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '`' || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last) parts.push(last);
  return parts;
}

export function parseType(text: string): TypeNode {
  const trimmed = ALIASES[text.trim()] ?? text.trim();
  const open = trimmed.indexOf('(');
  if (open < 0) return { name: trimmed, args: [], raw: [] };
  const name = trimmed.slice(0, open);
  const raw = splitArgs(trimmed.slice(open + 1, trimmed.lastIndexOf(')')));
  const typeArgs = [
    'Array',
    'Nullable',
    'Tuple',
    'Map',
    'LowCardinality',
    'SimpleAggregateFunction',
  ].includes(name);
  const args = typeArgs
    ? raw.map((arg) => {
        // A named tuple element: `name Type`.
        const named = name === 'Tuple' ? /^(`[^`]*`|[A-Za-z_][A-Za-z0-9_]*)\s+(\S[\s\S]*)$/.exec(arg) : null;
        return parseType(named ? named[2]! : arg);
      })
    : [];
  return { name, args, raw };
}

/** Reads Native column data; throws NeedMore at the end of the buffered bytes. */
class Cursor {
  constructor(
    readonly buf: Buffer,
    public pos: number,
  ) {}

  need(n: number): void {
    if (this.pos + n > this.buf.length) throw new NeedMore();
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      this.need(1);
      const byte = this.buf[this.pos++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
      if (shift > 63) throw new Error('Malformed varint in Native output');
    }
  }

  string(): string {
    const length = this.varint();
    this.need(length);
    const text = this.buf.toString('utf8', this.pos, this.pos + length);
    this.pos += length;
    return text;
  }

  uint64(): number {
    this.need(8);
    const value = Number(this.buf.readBigUInt64LE(this.pos));
    this.pos += 8;
    return value;
  }
}

function skipColumn(cursor: Cursor, type: TypeNode, rows: number): void {
  if (rows === 0) return;
  const fixed = FIXED[type.name];
  if (fixed !== undefined) return cursor.skip(fixed * rows);
  switch (type.name) {
    case 'String':
      for (let i = 0; i < rows; i++) cursor.skip(cursor.varint());
      return;
    case 'FixedString':
      return cursor.skip(Number(type.raw[0]) * rows);
    case 'Decimal': {
      const precision = Number(type.raw[0]);
      return cursor.skip((precision <= 9 ? 4 : precision <= 18 ? 8 : precision <= 38 ? 16 : 32) * rows);
    }
    case 'Nullable':
      cursor.skip(rows);
      return skipColumn(cursor, type.args[0]!, rows);
    case 'Array':
    case 'Map': {
      cursor.need(8 * rows);
      cursor.pos += 8 * (rows - 1);
      const total = cursor.uint64();
      const element = type.name === 'Map' ? { name: 'Tuple', args: type.args, raw: [] } : type.args[0]!;
      return skipColumn(cursor, element, total);
    }
    case 'Tuple':
      for (const element of type.args) skipColumn(cursor, element, rows);
      return;
    case 'SimpleAggregateFunction':
      return skipColumn(cursor, type.args[type.args.length - 1]!, rows);
    case 'LowCardinality': {
      // Index type in the low byte; bit 9: the dictionary keys of this block follow (always, in Native).
      const flags = cursor.uint64();
      if (flags & (1 << 9)) {
        const inner = type.args[0]!;
        skipColumn(cursor, inner.name === 'Nullable' ? inner.args[0]! : inner, cursor.uint64());
      }
      const indexes = cursor.uint64();
      return cursor.skip(indexes * [1, 2, 4, 8][flags & 0xff]!);
    }
    default:
      throw new Error(
        `Native output of type ${type.name} cannot be sent to a client with client_protocol_version; ` +
          'cast the column (e.g. toString(x)) or use FORMAT RowBinaryWithNamesAndTypes / JSONEachRow',
      );
  }
}

/** The per-column prefix written before the data: LowCardinality's key version, wherever it is nested. */
function skipPrefix(cursor: Cursor, type: TypeNode): void {
  if (type.name === 'LowCardinality') return cursor.skip(8);
  if (type.name === 'SimpleAggregateFunction') return skipPrefix(cursor, type.args[type.args.length - 1]!);
  for (const arg of type.args) skipPrefix(cursor, arg);
}

/** Re-frames chDB's Native blocks for a client of `revision`. */
export class NativeUpgrader {
  readonly #customFlag: boolean;
  readonly #types = new Map<string, TypeNode>();

  constructor(readonly revision: number) {
    this.#customFlag = revision >= CUSTOM_SERIALIZATION_REVISION;
  }

  async *transform(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
    let pending: Buffer = Buffer.alloc(0);
    for await (const chunk of chunks) {
      pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk]);
      const { out, used } = this.#convert(pending);
      pending = pending.subarray(used);
      if (out.length > 0) yield Buffer.concat(out);
    }
    if (pending.length > 0)
      throw new Error(`Native output ended inside a block (${pending.length} bytes left)`);
  }

  /** Converts every complete block at the start of `buf`. */
  #convert(buf: Buffer): { out: Buffer[]; used: number } {
    const out: Buffer[] = [];
    let used = 0;
    for (;;) {
      if (used >= buf.length) return { out, used };
      const parts: Buffer[] = [BLOCK_INFO];
      const cursor = new Cursor(buf, used);
      try {
        const headerStart = cursor.pos;
        const columns = cursor.varint();
        const rows = cursor.varint();
        parts.push(buf.subarray(headerStart, cursor.pos));
        for (let i = 0; i < columns; i++) {
          const start = cursor.pos;
          cursor.string();
          const typeName = cursor.string();
          parts.push(buf.subarray(start, cursor.pos));
          if (this.#customFlag) parts.push(Buffer.from([0]));
          const dataStart = cursor.pos;
          const type = this.#type(typeName);
          // Zero rows are written as zero bytes, prefix included.
          if (rows > 0) skipPrefix(cursor, type);
          skipColumn(cursor, type, rows);
          parts.push(buf.subarray(dataStart, cursor.pos));
        }
      } catch (error) {
        if (error instanceof NeedMore) return { out, used };
        throw error;
      }
      out.push(...parts);
      used = cursor.pos;
    }
  }

  #type(name: string): TypeNode {
    let type = this.#types.get(name);
    if (!type) {
      type = parseType(name);
      this.#types.set(name, type);
    }
    return type;
  }
}
