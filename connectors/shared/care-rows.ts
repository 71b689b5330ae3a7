/**
 * Reading one row of a customer-care export (a survey response, a ticket) through the column mapping of
 * the source's options: a CSV row by header name, a JSON object by key or dotted path. A row that cannot
 * become a record throws `RowProblem` with the reason, which the file reader reports with its line number.
 */
import type { BrandQuery } from '../../core/connector.js';
import { toEpochMs } from './text.js';

/** Why a row is skipped; `option` names the mapping option whose column is missing, when that is why. */
export class RowProblem extends Error {
  override name = 'RowProblem' as const;
  constructor(
    message: string,
    readonly option?: string,
  ) {
    super(message);
  }
}

/** A row's values by column name (CSV header) or key path (JSON, `a.b` for nested objects). */
export interface Row {
  get(column: string): unknown;
  /** The column names or top-level keys the row has, for messages. */
  names(): string[];
}

/** A CSV row by header name. */
export function csvRow(columns: readonly string[], fields: readonly string[]): Row {
  return {
    get: (column) => {
      const i = columns.indexOf(column);
      return i < 0 ? undefined : fields[i];
    },
    names: () => [...columns],
  };
}

/** A JSON object's values by key, or by dotted path when no key has the dotted name itself. */
export function jsonRow(value: unknown): Row {
  const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  if (!object) throw new RowProblem('not a JSON object');
  const record = object as Record<string, unknown>;
  return {
    get: (column) => {
      if (column in record) return record[column];
      let node: unknown = record;
      for (const part of column.split('.')) {
        if (typeof node !== 'object' || node === null) return undefined;
        node = (node as Record<string, unknown>)[part];
      }
      return node;
    },
    names: () => Object.keys(record),
  };
}

/**
 * Parses one CSV record (its bytes, newline included) into its fields, as RFC 4180 has it: a field that
 * starts with `"` is quoted (`""` inside is a quote, the delimiter and newlines are text); a quote anywhere
 * else is text, and so is anything between a closing quote and the next delimiter (as csv-parse's
 * `relax_quotes`). A leading byte-order mark is dropped. Hand-written because csv-parse costs ~180 µs per
 * call and a record is parsed alone (so one broken row cannot derail the rest of the file).
 * @throws Error when a quoted field is not closed.
 */
export function csvRecordParser(delimiter: string): (bytes: Buffer) => string[] {
  return (bytes) => {
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let end = text.length;
    if (text.endsWith('\n')) end--;
    if (text.charCodeAt(end - 1) === 13) end--;
    const fields: string[] = [];
    let i = 0;
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const close = text.indexOf('"', i);
          if (close < 0 || close >= end) throw new Error('a quoted field is not closed');
          field += text.slice(i, close);
          i = close + 1;
          if (text[i] !== '"') break;
          field += '"';
          i++;
        }
      }
      let next = text.indexOf(delimiter, i);
      if (next < 0 || next > end) next = end;
      field += text.slice(i, next);
      fields.push(field);
      if (next >= end) return fields;
      i = next + 1;
    }
  };
}

const present = (v: unknown): boolean => v !== undefined && v !== null && String(v).trim() !== '';

/** A value as trimmed text; '' when absent. */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value).trim();
}

/**
 * The value of the column mapped by `option` (e.g. `columns.score` → `nps_score`).
 * @throws RowProblem naming the column and option when the row has no value there.
 */
export function required(row: Row, column: string, option: string): unknown {
  const value = row.get(column);
  if (!present(value)) throw new RowProblem(`no value in "${column}" (options.${option})`, option);
  return value;
}

/** The column's value, or undefined when the column is not mapped (absent or `null`) or the row has none. */
export function optional(row: Row, column: string | null | undefined): unknown {
  if (column === undefined || column === null) return undefined;
  const value = row.get(column);
  return present(value) ? value : undefined;
}

/**
 * A time: ISO 8601 / RFC 2822 text, or epoch seconds or milliseconds.
 * @throws RowProblem naming the column when it is not a time.
 */
export function timeOf(value: unknown, column: string): number {
  const ms = toEpochMs(typeof value === 'string' ? value.trim() : value);
  if (ms === undefined || !Number.isFinite(ms))
    throw new RowProblem(
      `"${column}" is not a date or epoch time: ${JSON.stringify(textOf(value).slice(0, 40))}`,
    );
  return ms;
}

/**
 * A number (a numeric string too).
 * @throws RowProblem naming the column when it is not a finite number.
 */
export function numberOf(value: unknown, column: string): number {
  const n = typeof value === 'number' ? value : Number(textOf(value));
  if (!Number.isFinite(n))
    throw new RowProblem(`"${column}" is not a number: ${JSON.stringify(textOf(value).slice(0, 40))}`);
  return n;
}

const TRUE = new Set(['true', 'yes', 'y', '1', 't']);
const FALSE = new Set(['false', 'no', 'n', '0', 'f', '']);

/** A yes/no value (true/false, yes/no, 1/0); undefined when it is neither (e.g. a date). */
export function flagOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = textOf(value).toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return undefined;
}

/** How a source's rows name their brand. */
export interface BrandMapping {
  /** The column holding the brand, when the export has one. */
  column?: string;
  /** Export value → brand key, for exports that spell brands their own way. */
  values: Readonly<Record<string, string>>;
}

/**
 * The brand key of a row: its brand column's value mapped through `values`, else taken as a brand key or
 * name (case-insensitive); without a brand column or value, the source's only brand.
 * @throws RowProblem when the value names none of the source's brands.
 */
export function brandOf(row: Row, mapping: BrandMapping, brands: readonly BrandQuery[]): string | undefined {
  if (mapping.column === undefined) return brands.length === 1 ? brands[0]?.key : undefined;
  // No brands: a preview (`earshot connectors parse`), where the brand is shown as the export has it.
  if (brands.length === 0) return textOf(optional(row, mapping.column)) || undefined;
  // A source of one brand takes rows that leave the brand empty as its own.
  if (brands.length === 1 && optional(row, mapping.column) === undefined) return brands[0]?.key;
  const value = textOf(required(row, mapping.column, 'columns.brand'));
  const mapped = mapping.values[value] ?? value;
  const lower = mapped.toLowerCase();
  const brand = brands.find((b) => b.key === mapped || b.name.toLowerCase() === lower);
  if (brand) return brand.key;
  throw new RowProblem(
    `brand ${JSON.stringify(value.slice(0, 40))} is not one of this source's brands ` +
      `(${brands.map((b) => b.key).join(', ')}); map it in options.brandValues`,
  );
}

/** Fills `{id}` in a URL template with the record id (URL-encoded); '' without a template. */
export function urlFor(template: string | undefined, id: string): string {
  return template === undefined ? '' : template.replaceAll('{id}', encodeURIComponent(id));
}
