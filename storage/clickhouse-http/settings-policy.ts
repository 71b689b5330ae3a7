/**
 * Which URL parameters a request may carry, per user. ClickHouse's HTTP interface takes settings as URL
 * parameters; a read-only user here may change only what a ClickHouse `readonly = 2` user would be trusted
 * with in this setting: output formats and query limits (never `readonly`, `allow_ddl` or the server's caps).
 * Names outside the allow-list are refused the way ClickHouse refuses them for a read-only user
 * (`Code: 164 … Cannot modify '…' setting in readonly mode`).
 */
import { CODES, ClickHouseHttpError } from './errors.js';
import type { HttpUser } from './users.js';

/** Parameters the HTTP layer itself reads; never sent to the engine as settings. */
const PROTOCOL_PARAMS = new Set([
  'query',
  'database',
  'default_format',
  'query_id',
  'session_id',
  'session_timeout',
  'session_check',
  'user',
  'password',
  'quota_key',
  'client_protocol_version',
  'compress',
  'decompress',
  'enable_http_compression',
  'http_zlib_compression_level',
  'wait_end_of_query',
  'send_progress_in_http_headers',
  'http_headers_progress_interval_ms',
  'http_response_buffer_size',
  'buffer_size',
  'http_native_compression_disable_checksumming_on_decompress',
  'add_http_cors_header',
  'cancel_http_readonly_queries_on_client_close',
]);

/** Settings that only shape how results are printed or read, for every user. */
const FORMAT_SETTING =
  /^(output_format_|format_|input_format_|date_time_output_format$|date_time_input_format$|session_timezone$|interval_output_format$|bool_true_representation$|bool_false_representation$)/;

/** Query limits a reader may lower (clamped to the server's caps in `clampLimit`). */
const LIMIT_SETTINGS = new Set([
  'max_execution_time',
  'timeout_overflow_mode',
  'max_result_rows',
  'max_result_bytes',
  'result_overflow_mode',
  'max_rows_to_read',
  'max_bytes_to_read',
  'read_overflow_mode',
  'max_block_size',
  'max_threads',
  'max_memory_usage',
]);

/** Settings that change the meaning of a query harmlessly for a reader. */
const QUERY_SETTINGS = new Set([
  'join_use_nulls',
  'extremes',
  'cast_keep_nullable',
  'log_comment',
  'use_query_cache',
  'async_insert',
  'wait_for_async_insert',
  'allow_experimental_analyzer',
  'enable_analyzer',
  'prefer_column_name_to_alias',
  'joined_subquery_requires_alias',
  'aggregate_functions_null_for_empty',
  'mutations_sync',
]);

/** Never settable by anyone over HTTP: the server's own guarantees. */
const LOCKED = new Set([
  'readonly',
  'allow_ddl',
  'max_memory_usage_for_user',
  'max_concurrent_queries_for_user',
]);

const ALLOWED: Readonly<Record<HttpUser, (name: string) => boolean>> = {
  analyst: (name) => FORMAT_SETTING.test(name) || LIMIT_SETTINGS.has(name) || QUERY_SETTINGS.has(name),
  grafana: (name) =>
    FORMAT_SETTING.test(name) ||
    ['max_execution_time', 'timeout_overflow_mode', 'max_result_rows', 'result_overflow_mode'].includes(name),
  writer: () => true,
};

/** The server's caps, which no request can raise. */
export interface QueryCaps {
  /** Seconds; a query running longer is cut with TIMEOUT_EXCEEDED. */
  maxExecutionTimeSeconds: number;
  /** Bytes of memory one query may use. */
  maxMemoryUsageBytes: number;
  maxThreads: number;
}

/** Engine settings of a request: name → value text, sorted by name (a session-pool key). */
export type EngineSettings = ReadonlyArray<readonly [string, string]>;

/**
 * Splits the URL parameters into engine settings (checked against `user`'s allow-list and clamped to the
 * caps) and query parameters (`param_<name>`); protocol parameters are left to the caller.
 */
export function requestSettings(
  user: HttpUser,
  search: URLSearchParams,
  caps: QueryCaps,
): { settings: EngineSettings; params: Record<string, string>; readOnly: boolean } {
  const settings = new Map<string, string>();
  const params: Record<string, string> = {};
  let readOnly = false;
  for (const [name, value] of search) {
    if (name.startsWith('param_')) {
      params[name.slice('param_'.length)] = value;
      continue;
    }
    if (PROTOCOL_PARAMS.has(name)) continue;
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name)) {
      throw new ClickHouseHttpError(CODES.UNKNOWN_SETTING, `Unknown setting '${name.slice(0, 64)}'`);
    }
    if (name === 'readonly' && (value === '1' || value === '2')) {
      // Asking for less is always allowed: the request then runs on a session locked read-only.
      readOnly = true;
      continue;
    }
    if (LOCKED.has(name) || !ALLOWED[user](name)) {
      throw new ClickHouseHttpError(
        CODES.READONLY,
        `Cannot modify '${name}' setting: user ${user} may change output-format and query-limit settings only ` +
          `(see docs/sql-access.md)`,
      );
    }
    settings.set(name, clampLimit(name, value, caps));
  }
  return { settings: [...settings].sort(([a], [b]) => a.localeCompare(b)), params, readOnly };
}

const MAX_QUERY_SIZE = 256 * 1024 * 1024;

/** Caps every request runs under, as engine settings. */
export function capSettings(caps: QueryCaps): EngineSettings {
  return [
    ['max_execution_time', String(caps.maxExecutionTimeSeconds)],
    ['max_memory_usage', String(caps.maxMemoryUsageBytes)],
    ['max_threads', String(caps.maxThreads)],
    // Bound parameters reach the engine as `SET param_<name> = '…'` text, which a server never parses as a
    // query: lift the parser's 256 KiB limit so a large parameter (a writer's key list) passes as it would
    // there. Request bodies are limited before this (HttpLimits).
    ['max_query_size', String(MAX_QUERY_SIZE)],
  ];
}

function clampLimit(name: string, value: string, caps: QueryCaps): string {
  const cap =
    name === 'max_execution_time'
      ? caps.maxExecutionTimeSeconds
      : name === 'max_memory_usage'
        ? caps.maxMemoryUsageBytes
        : name === 'max_threads'
          ? caps.maxThreads
          : undefined;
  if (cap === undefined) return value;
  const n = Number(value);
  // 0 means "unlimited" to ClickHouse: that is the cap here.
  return !Number.isFinite(n) || n <= 0 || n > cap ? String(cap) : value;
}

/** `SET name = value` text for one setting; numbers stay bare, everything else is a quoted literal. */
export function setStatement(name: string, value: string): string {
  const literal = /^-?\d+(\.\d+)?$/.test(value)
    ? value
    : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return `SET ${name} = ${literal}`;
}
