/**
 * Runs a dashboard panel's query (dashboards/panels, already expanded with `expandPanelSql`) read-only on
 * the store and returns it as plain JSON with column metadata, for the built-in web view and the panel tests.
 * The SQL comes from the panel definitions; this module owns only its execution: one statement, on the
 * store's read-only connection (writes, DDL, SET and table functions are refused by ClickHouse).
 */
import type { Store } from './client.js';
import { queryReadOnly } from './query.js';

/** How a renderer should read a column, derived from its ClickHouse type. */
export type PanelColumnKind = 'time' | 'number' | 'string' | 'other';

/** One result column: name, ClickHouse type, and kind. */
export interface PanelColumn {
  name: string;
  /** ClickHouse type as the engine reports it, e.g. `DateTime('UTC')`, `Nullable(Float64)`, `String`. */
  type: string;
  kind: PanelColumnKind;
}

/**
 * A panel query's result. Values: `time` columns as epoch milliseconds (UTC), `number` columns as JS numbers
 * (64-bit counters included; NULL stays null), strings unchanged, other types as ClickHouse's JSON prints them.
 */
export interface PanelQueryResult {
  columns: PanelColumn[];
  rows: unknown[][];
}

/** The kind of a ClickHouse type (`Nullable(…)` / `LowCardinality(…)` unwrapped). */
export function columnKind(type: string): PanelColumnKind {
  const inner = type
    .replace(/^(?:Nullable|LowCardinality)\((.*)\)$/, '$1')
    .replace(/^Nullable\((.*)\)$/, '$1');
  if (/^(?:DateTime|DateTime64|Date|Date32)\b/.test(inner)) return 'time';
  if (/^(?:U?Int\d+|Float\d+|Decimal)/.test(inner)) return 'number';
  if (/^(?:String|FixedString|Enum)/.test(inner)) return 'string';
  return 'other';
}

/** `YYYY-MM-DD[ hh:mm:ss[.sss]]` (UTC, the session time zone) → epoch ms. */
function toEpochMs(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const iso = value.length === 10 ? `${value}T00:00:00Z` : `${value.replace(' ', 'T')}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? value : ms;
}

function toNumber(value: unknown): unknown {
  if (value === null || typeof value === 'number') return value;
  if (typeof value === 'string') {
    const n = Number(value);
    return Number.isNaN(n) && !/^-?(?:nan|inf)/i.test(value) ? value : n;
  }
  return value;
}

/**
 * Runs one expanded panel query read-only. Throws `QueryRejectedError` (with ClickHouse's message and code)
 * when ClickHouse refuses it: invalid SQL, an unexpanded macro, a write.
 */
export async function runPanelQuery(store: Store, sql: string): Promise<PanelQueryResult> {
  const result = await queryReadOnly(store, sql);
  const columns = result.columns.map((c) => ({ ...c, kind: columnKind(c.type) }));
  const convert = columns.map((c) =>
    c.kind === 'time' ? toEpochMs : c.kind === 'number' ? toNumber : (v: unknown) => v,
  );
  return {
    columns,
    rows: result.rows.map((row) => row.map((v, i) => (convert[i] as (v: unknown) => unknown)(v))),
  };
}
