/**
 * Turns a panel's SQL into the statement Grafana + the ClickHouse plugin (grafana-clickhouse-datasource
 * v4.20) would send to ClickHouse, so the web view and the tests run exactly what Grafana runs.
 *
 * Grafana does it in two stages, reproduced here in the same order:
 *
 * 1. Frontend (the plugin's `applyTemplateVariables`):
 *    a. `$__conditionalAll(condition, $var)` becomes `1=1` when `$var` is All (or empty), else `condition`.
 *       The variable must be written `$var` or `${var}` (the plugin's lookup ignores `${var:format}`).
 *    b. Template variables through Grafana's `templateSrv.replace` with the plugin's own format function:
 *       `$var`, `${var}`, `[[var]]` without an explicit format become `'a','b'` for a multi-value (no
 *       escaping) and the bare value for a single value; `${var:singlequote}` etc. use Grafana's formatter.
 *       All (no custom all value, as every Earshot variable) stands for every option of the variable.
 *       Grafana's built-ins `$__from` / `$__to` (epoch ms), `$__interval` (`1h`) and `$__interval_ms`.
 * 2. Backend (the plugin's Go macros, sqlds): `$__timeFilter(c)`, `$__timeFilter_ms(c)`, `$__dateFilter(c)`,
 *    `$__dateTimeFilter(d, t)` / `$__dt(d, t)`, `$__fromTime`, `$__toTime`, `$__fromTime_ms`,
 *    `$__toTime_ms`, `$__timeInterval(c)`, `$__timeInterval_ms(c)`, `$__interval_s`. Times are cut to
 *    whole seconds (`toDateTime(<unix>)`), the interval to at least 1 s.
 *
 * Unknown `$__…` names are left untouched, as the plugin does (ClickHouse then rejects the query, which the
 * panel tests would catch). sqlds' generic defaults (`$__timeFrom`, `$__timeTo`, `$__timeGroup`, `$__table`,
 * `$__column`) differ between sqlds versions and are deliberately not supported: panels must not use them.
 * Macro arguments must be plain column names (no parentheses or commas): older sqlds versions cut an
 * argument at its first `)`, newer ones balance parentheses; plain names expand the same everywhere.
 */
import { VARIABLES } from './variables.js';
import type { ExpandContext, VariableValue } from './types.js';

/** A panel's SQL could not be expanded (bad macro use, unknown format, missing variable options). */
export class PanelSqlError extends Error {
  override name = 'PanelSqlError';
}

/** The panel SQL after both of Grafana's stages, ready for ClickHouse. */
export function expandPanelSql(sql: string, ctx: ExpandContext): string {
  return expandBackendMacros(replaceTemplateVariables(applyConditionalAll(sql, ctx), ctx), ctx);
}

// ---------------------------------------------------------------------------------------------------------
// Frontend stage

const CONDITIONAL_ALL = '$__conditionalAll(';

/** Stage 1a, from the last occurrence backwards as the plugin does. */
export function applyConditionalAll(sql: string, ctx: ExpandContext): string {
  let out = sql;
  let at = out.lastIndexOf(CONDITIONAL_ALL);
  while (at !== -1) {
    const args = macroArguments(out, at + CONDITIONAL_ALL.length - 1);
    if (args === null || args.length !== 2) {
      // The plugin stops and leaves the rest untouched; ClickHouse would then reject the text.
      throw new PanelSqlError(`$__conditionalAll needs exactly two arguments (condition, $variable): ${sql}`);
    }
    const [condition, variableArg] = args as [string, string];
    const name = /(?<=\$\{)\w+(?=\})|(?<=\$)\w+/.exec(variableArg.trim())?.[0];
    let phrase = condition;
    if (name !== undefined) {
      const value = ctx.variables[name];
      if (value !== undefined && (value === 'All' || value.length === 0)) phrase = '1=1';
    }
    out = out.replace(`${CONDITIONAL_ALL}${condition},${variableArg})`, phrase);
    at = out.lastIndexOf(CONDITIONAL_ALL);
  }
  return out;
}

/**
 * The top-level arguments of the call whose `(` is at `open`, split on commas outside nested parentheses
 * (not trimmed, as the plugin's reader); null when the parentheses never close.
 */
function macroArguments(text: string, open: number): string[] | null {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    if (c === ',' && depth === 1) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth === 0) {
      args.push(text.slice(start, i));
      return args;
    }
  }
  return null;
}

/** Grafana's variable syntaxes: `$name`, `[[name:fmt]]`, `${name.path:fmt}`. */
const VARIABLE_REGEX = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

/** Stage 1b: Grafana's template-variable replacement with the plugin's default format. */
export function replaceTemplateVariables(sql: string, ctx: ExpandContext): string {
  const builtIns: Record<string, string> = {
    __from: String(ctx.from.getTime()),
    __to: String(ctx.to.getTime()),
    __interval: secondsToHms(ctx.intervalSeconds),
    __interval_ms: String(Math.round(ctx.intervalSeconds * 1000)),
  };
  return sql.replace(
    VARIABLE_REGEX,
    (match, v1?: string, v2?: string, f2?: string, v3?: string, path?: string, f3?: string) => {
      const name = (v1 ?? v2 ?? v3) as string;
      const format = f2 ?? f3;
      if (path !== undefined)
        throw new PanelSqlError(`Field paths (${match}) are not supported in panel SQL.`);
      const builtIn = builtIns[name];
      if (builtIn !== undefined) return format ? formatValue(builtIn, format, match) : builtIn;
      const value = ctx.variables[name];
      if (value === undefined) return match; // not a variable: Grafana leaves the text (e.g. `$__timeFilter`)
      const resolved = resolveValue(name, value, ctx);
      return format ? formatValue(resolved, format, match) : pluginFormat(resolved);
    },
  );
}

/** The value Grafana formats: every option for All, the single string for a single-value variable. */
function resolveValue(name: string, value: VariableValue, ctx: ExpandContext): string | string[] {
  if (value === 'All') {
    const options = ctx.options?.[name];
    if (!options) {
      throw new PanelSqlError(
        `Variable ${name} is All and used outside $__conditionalAll: pass its options in ctx.options.${name}.`,
      );
    }
    return [...options];
  }
  const definition = VARIABLES.find((v) => v.name === name);
  if (definition && !definition.multi) return value[0] ?? '';
  return [...value];
}

/** The ClickHouse plugin's format function (used when the SQL names no format). */
function pluginFormat(value: string | string[]): string {
  return Array.isArray(value) ? `'${value.join("','")}'` : value;
}

/** Grafana's named formats that make sense in SQL. */
function formatValue(value: string | string[], format: string, match: string): string {
  const list = Array.isArray(value) ? value : [value];
  switch (format) {
    case 'singlequote':
      return list.map((v) => `'${v.replace(/'/g, "\\'")}'`).join(',');
    case 'doublequote':
      return list.map((v) => `"${v.replace(/"/g, '\\"')}"`).join(',');
    case 'sqlstring':
      return list.map((v) => `'${v.replace(/'/g, "''")}'`).join(',');
    case 'csv':
    case 'raw':
      return list.join(',');
    case 'pipe':
      return list.join('|');
    case 'json':
      return JSON.stringify(value);
    default:
      throw new PanelSqlError(`Unsupported variable format in ${match}; use singlequote, sqlstring or csv.`);
  }
}

/** Grafana's `secondsToHms`, as `$__interval` prints the interval (largest whole unit). */
export function secondsToHms(seconds: number): string {
  const units: Array<[number, string]> = [
    [31_536_000, 'y'],
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'm'],
    [1, 's'],
  ];
  let rest = seconds;
  for (const [size, unit] of units) {
    const n = Math.floor(rest / size);
    if (n) return `${n}${unit}`;
    rest %= size;
  }
  const ms = Math.round(seconds * 1000);
  return ms ? `${ms}ms` : 'less than a millisecond';
}

// ---------------------------------------------------------------------------------------------------------
// Backend stage

type MacroFn = (args: string[], ctx: ExpandContext, name: string) => string;

const unix = (d: Date): number => Math.floor(d.getTime() / 1000);
const dateTime = (d: Date): string => `toDateTime(${unix(d)})`;
const dateTime64 = (d: Date): string => `fromUnixTimestamp64Milli(${d.getTime()})`;
const date = (d: Date): string => `toDate('${d.toISOString().slice(0, 10)}')`;
const intervalSeconds = (ctx: ExpandContext): number => Math.trunc(Math.max(ctx.intervalSeconds, 1));

function oneArg(args: string[], name: string): string {
  if (args.length !== 1 || !args[0])
    throw new PanelSqlError(`$__${name} expects 1 argument, got ${args.length}`);
  return args[0];
}

/** The plugin's macro table (pkg/macros/macros.go, v4.20.0). */
const MACROS: Record<string, MacroFn> = {
  fromTime: (_a, ctx) => dateTime(ctx.from),
  toTime: (_a, ctx) => dateTime(ctx.to),
  fromTime_ms: (_a, ctx) => dateTime64(ctx.from),
  toTime_ms: (_a, ctx) => dateTime64(ctx.to),
  timeFilter: (a, ctx, n) => {
    const c = oneArg(a, n);
    return `${c} >= ${dateTime(ctx.from)} AND ${c} <= ${dateTime(ctx.to)}`;
  },
  timeFilter_ms: (a, ctx, n) => {
    const c = oneArg(a, n);
    return `${c} >= ${dateTime64(ctx.from)} AND ${c} <= ${dateTime64(ctx.to)}`;
  },
  dateFilter: (a, ctx, n) => {
    const c = oneArg(a, n);
    return `${c} >= ${date(ctx.from)} AND ${c} <= ${date(ctx.to)}`;
  },
  dateTimeFilter: (a, ctx, n) => dateTimeFilter(a, ctx, n),
  dt: (a, ctx, n) => dateTimeFilter(a, ctx, n),
  timeInterval: (a, ctx, n) =>
    `toStartOfInterval(toDateTime(${oneArg(a, n)}), INTERVAL ${intervalSeconds(ctx)} second)`,
  timeInterval_ms: (a, ctx, n) =>
    `toStartOfInterval(toDateTime64(${oneArg(a, n)}, 3), INTERVAL ${Math.trunc(Math.max(ctx.intervalSeconds * 1000, 1))} millisecond)`,
  interval_s: (_a, ctx) => String(intervalSeconds(ctx)),
};

function dateTimeFilter(args: string[], ctx: ExpandContext, name: string): string {
  if (args.length !== 2) throw new PanelSqlError(`$__${name} expects 2 arguments, got ${args.length}`);
  const [d, t] = args as [string, string];
  return (
    `(${d} >= ${date(ctx.from)} AND ${d} <= ${date(ctx.to)}) AND ` +
    `(${t} >= ${dateTime(ctx.from)} AND ${t} <= ${dateTime(ctx.to)})`
  );
}

/** Names the backend stage expands; anything else after `$__` is left as is. */
export const BACKEND_MACROS: readonly string[] = Object.keys(MACROS);

/** Stage 2: the plugin's Go macros. */
export function expandBackendMacros(sql: string, ctx: ExpandContext): string {
  const pattern = /\$__(\w+)/g;
  let out = '';
  let copied = 0;
  for (let m = pattern.exec(sql); m !== null; m = pattern.exec(sql)) {
    const name = m[1] as string;
    const macro = MACROS[name];
    if (!macro) continue; // unknown: left as written
    let end = m.index + m[0].length;
    let args: string[] = [];
    if (sql[end] === '(') {
      const raw = macroArguments(sql, end);
      if (raw === null) throw new PanelSqlError(`Unclosed parenthesis after ${m[0]}`);
      args = raw.map((a) => a.trim());
      if (args.some((a) => /[()]/.test(a))) {
        throw new PanelSqlError(`${m[0]}(…): use a plain column name as argument, not an expression`);
      }
      end += raw.join(',').length + 2;
    }
    out += sql.slice(copied, m.index) + macro(args, ctx, name);
    copied = end;
    pattern.lastIndex = end;
  }
  return out + sql.slice(copied);
}
