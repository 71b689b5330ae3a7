/**
 * The CSV side of `earshot alerts detect`: parses `timestamp,value` rows, infers the interval, runs the
 * volume-spike detector causally and formats one JSON line per row. Kept apart from the command so the
 * bench and tests run it in-process on the same code.
 */
import { createDetector, type Sensitivity } from '../../alerts/detect/index.js';

/** One data row of the CSV. */
export interface CsvRow {
  /** 1-based line number in the input. */
  line: number;
  /** The timestamp exactly as given (quotes and surrounding spaces removed). */
  timestamp: string;
  /** Epoch ms, or null when the timestamp could not be read. */
  ms: number | null;
  /** The count; NaN for an empty value (a missing measurement). */
  value: number;
  /** Why the row cannot be used, with the fix; absent for a good row. */
  problem?: string;
}

const NUMERIC = /^[+-]?\d+(\.\d+)?$/;
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Epoch ms of a timestamp: ISO 8601 with a zone, `YYYY-MM-DD HH:MM[:SS]` or ISO without a zone (taken as
 * UTC), or epoch seconds (numbers of 10^11 and more are taken as epoch milliseconds). Null if unreadable.
 */
export function parseTimestamp(text: string): number | null {
  if (NUMERIC.test(text)) {
    const n = Number(text);
    return Math.abs(n) >= 1e11 ? n : n * 1000;
  }
  const naive = NAIVE.exec(text);
  if (naive) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = naive;
    const ms = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, frac ? Math.round(Number(frac) * 1000) : 0);
    const back = new Date(ms);
    // Reject 2026-02-30 and 25:00 rather than rolling them over.
    if (back.getUTCDate() !== +d! || back.getUTCHours() !== +h || back.getUTCMinutes() !== +mi) return null;
    return ms;
  }
  if (ZONED.test(text)) {
    const ms = Date.parse(text);
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}

const unquote = (field: string): string =>
  field
    .trim()
    .replace(/^"(.*)"$/s, '$1')
    .trim();

/** Parses the CSV text; rows keep their problems instead of throwing (the caller decides). */
export function parseSeriesCsv(text: string): { rows: CsvRow[]; header: boolean } {
  const lines = text.split(/\r?\n/);
  const rows: CsvRow[] = [];
  let header: boolean | null = null;
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const fields = raw.split(',').map(unquote);
    const timestamp = fields[0] ?? '';
    if (header === null) {
      header = parseTimestamp(timestamp) === null;
      if (header) return;
    }
    const line = i + 1;
    const ms = parseTimestamp(timestamp);
    const valueText = fields[1] ?? '';
    const row: CsvRow = { line, timestamp, ms, value: NaN };
    if (fields.length < 2) {
      row.problem = 'expected two fields "timestamp,value" — add the value after a comma (empty for missing)';
    } else if (ms === null) {
      row.problem = `timestamp "${timestamp}" is not ISO 8601, "YYYY-MM-DD HH:MM:SS" (UTC) or epoch seconds — fix or remove the row`;
    } else if (valueText !== '') {
      const v = Number(valueText);
      if (!Number.isFinite(v) || v < 0) {
        row.problem = `value "${valueText}" is not a count (a number ≥ 0) — fix it, or leave it empty for a missing bucket`;
      } else row.value = v;
    }
    rows.push(row);
  });
  return { rows, header: header ?? false };
}

/** Parses `5m`, `300s`, `1h`, `1d`, `500ms`, or a bare number of seconds, into ms; null if unreadable. */
export function parseInterval(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h|d)?$/i.exec(text.trim());
  if (!m) return null;
  const unit = (m[2] ?? 's').toLowerCase();
  const factor = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 }[unit]!;
  const ms = Number(m[1]) * factor;
  return ms > 0 ? ms : null;
}

/** Median of the positive spacings between consecutive readable timestamps; 5 minutes if there are none. */
export function inferInterval(rows: CsvRow[]): number {
  const gaps: number[] = [];
  let previous: number | null = null;
  for (const r of rows) {
    if (r.ms === null) continue;
    if (previous !== null && r.ms > previous) gaps.push(r.ms - previous);
    previous = r.ms;
  }
  if (gaps.length === 0) return 5 * 60_000;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor((gaps.length - 1) / 2)]!;
}

/** Human form of an interval in ms ("5m", "1h", "90s"). */
export function formatInterval(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** Options of one run. */
export interface DetectRun {
  intervalMs?: number;
  sensitivity: Sensitivity;
  /** Fail on the first bad row instead of skipping it. */
  strict: boolean;
}

/** What a run produced: stdout text, stderr lines, exit code. */
export interface DetectOutput {
  stdout: string;
  stderr: string[];
  exitCode: number;
}

const MAX_REPORTED = 20;

/** Runs the volume-spike detector over the CSV `text`, one JSON line per data row. */
export function detectCsv(text: string, run: DetectRun): DetectOutput {
  const { rows } = parseSeriesCsv(text);
  const bad = rows.filter((r) => r.problem);
  const stderr: string[] = [];
  if (run.strict && bad.length > 0) {
    const r = bad[0]!;
    return { stdout: '', stderr: [`line ${r.line}: ${r.problem} (--strict: nothing written)`], exitCode: 2 };
  }
  for (const r of bad.slice(0, MAX_REPORTED)) {
    stderr.push(`line ${r.line}: ${r.problem}; row written with score 0, alert false`);
  }
  if (bad.length > MAX_REPORTED) stderr.push(`… and ${bad.length - MAX_REPORTED} more bad rows`);
  const intervalMs = run.intervalMs ?? inferInterval(rows);
  if (run.intervalMs === undefined && rows.length > 1) {
    stderr.push(
      `interval ${formatInterval(intervalMs)} (median spacing of the rows; set --interval to override)`,
    );
  }
  const detector = createDetector('volume_spike', { intervalMs, sensitivity: run.sensitivity });
  const out: string[] = [];
  let last = -Infinity;
  let warnedOrder = false;
  for (const r of rows) {
    const stamp = NUMERIC.test(r.timestamp) ? Number(r.timestamp) : r.timestamp;
    if (r.problem || r.ms === null) {
      out.push(JSON.stringify({ timestamp: stamp, score: 0, alert: false }));
      continue;
    }
    if (r.ms <= last && !warnedOrder) {
      stderr.push(
        `line ${r.line}: timestamp not after the previous row's; rows are scored in the order given`,
      );
      warnedOrder = true;
    }
    last = Math.max(last, r.ms);
    const v = detector.step({ start: r.ms, count: r.value });
    out.push(JSON.stringify({ timestamp: stamp, score: Math.round(v.score * 1e4) / 1e4, alert: v.alert }));
  }
  if (rows.length === 0)
    stderr.push('no data rows on stdin: expected a header line, then "timestamp,value" rows');
  return { stdout: out.length ? `${out.join('\n')}\n` : '', stderr, exitCode: 0 };
}
