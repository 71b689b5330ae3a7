/**
 * Alert records, their delivery per channel, and the watch workflow's detector state (migration 5). Every write
 * is idempotent: rows are keyed by deterministic ids in ReplacingMergeTrees, versions come from a per-process
 * clock that never repeats, and reads use FINAL. Reads other processes run (the CLI through `earshot up`) are
 * named `ReadQuery`s.
 */
import type { AlertDelivery, AlertRecord, AlertTransition } from '../core/alert.js';
import { StorageError } from '../core/errors.js';
import type { Store } from './client.js';
import { fromDateTime64, toDateTime64 } from './datetime.js';
import { internals } from './internals.js';
import { resultObjects } from './query.js';
import { runReadQuery, toCount, type ReadQuery } from './read-query.js';
import { TABLES } from './schema.js';

let lastVersion = 0;
/** A row version: the ms clock, strictly increasing within this process. */
function nextVersion(): number {
  lastVersion = Math.max(Date.now(), lastVersion + 1);
  return lastVersion;
}

/** Records alerts (new ones, or a new state of known ones: same id, later version wins). */
export async function recordAlerts(store: Store, alerts: readonly AlertRecord[]): Promise<void> {
  if (alerts.length === 0) return;
  const { client, table } = internals(store);
  const now = toDateTime64(Date.now());
  await client.insert({
    table: table('alerts'),
    format: 'JSONEachRow',
    values: alerts.map((a) => ({
      id: a.id,
      brand: a.brand,
      kind: a.kind,
      scope_type: a.scopeType,
      scope: a.scope,
      window_start: toDateTime64(a.windowStart),
      window_end: toDateTime64(a.windowEnd),
      state: a.state,
      opened_at: toDateTime64(a.openedAt),
      resolved_at: a.resolvedAt === null ? null : toDateTime64(a.resolvedAt),
      observed: finite(a.observed),
      expected: finite(a.expected),
      spread: finite(a.spread),
      severity: finite(a.severity),
      strength: a.strength,
      summary: a.summary,
      evidence: a.evidence === null ? '' : JSON.stringify(a.evidence),
      rule: JSON.stringify(a.rule),
      history: a.history ? 1 : 0,
      version: nextVersion(),
      recorded_at: now,
    })),
  });
}

/** One delivery row to write: a transition of an alert on a channel. */
export interface DeliveryUpdate extends Omit<AlertDelivery, 'sentAt'> {
  alertId: string;
  idempotencyKey: string;
  sentAt?: number | null;
}

/** Writes delivery rows (each replaces the previous state of its alert × transition × channel). */
export async function recordDeliveries(store: Store, rows: readonly DeliveryUpdate[]): Promise<void> {
  if (rows.length === 0) return;
  const { client, table } = internals(store);
  const now = toDateTime64(Date.now());
  await client.insert({
    table: table('alert_deliveries'),
    format: 'JSONEachRow',
    values: rows.map((d) => ({
      alert_id: d.alertId,
      transition: d.transition,
      channel: d.channel,
      channel_type: d.channelType,
      status: d.status,
      attempts: d.attempts,
      not_before: toDateTime64(d.notBefore),
      idempotency_key: d.idempotencyKey,
      last_error: d.lastError,
      fix: d.fix,
      sent_at: d.sentAt === null || d.sentAt === undefined ? null : toDateTime64(d.sentAt),
      version: nextVersion(),
      updated_at: now,
    })),
  });
}

/**
 * Adds `pending` delivery rows for transitions not yet known on their channel, and leaves known ones alone
 * (a watch run repeated after a crash must not turn a `sent` delivery back into `pending`). Returns how many
 * were new. Only the watch writes these, one run at a time (its schedule skips overlaps).
 */
export async function addPendingDeliveries(store: Store, rows: readonly DeliveryUpdate[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { client, table } = internals(store);
  const rs = await client.query({
    query: `SELECT alert_id, transition, channel FROM ${table('alert_deliveries')} FINAL
            WHERE alert_id IN {ids:Array(String)}`,
    query_params: { ids: [...new Set(rows.map((r) => r.alertId))] },
    format: 'JSONEachRow',
  });
  const known = new Set(
    (await rs.json<{ alert_id: string; transition: string; channel: string }>()).map(
      (r) => `${r.alert_id}|${r.transition}|${r.channel}`,
    ),
  );
  const fresh = rows.filter((r) => !known.has(`${r.alertId}|${r.transition}|${r.channel}`));
  await recordDeliveries(store, fresh);
  return fresh.length;
}

/** The saved watch state of one brand. */
export interface WatchStateRow {
  brand: string;
  /** JSON-serializable state, as saved. */
  state: unknown;
  settledUntil: number;
}

/**
 * The saved watch state of each of `brands` that has one. Throws `StorageError` when a stored state is not
 * JSON (hand-edited table; delete the brand's row to let the detectors learn again).
 */
export async function loadWatchStates(
  store: Store,
  brands: readonly string[],
): Promise<Map<string, WatchStateRow>> {
  const { client, table } = internals(store);
  const rs = await client.query({
    query: `SELECT brand, state, settled_until FROM ${table('alert_watch_state')} FINAL
            WHERE has({brands:Array(String)}, brand)`,
    query_params: { brands: [...brands] },
    format: 'JSONEachRow',
  });
  const out = new Map<string, WatchStateRow>();
  for (const row of await rs.json<{ brand: string; state: string; settled_until: string }>()) {
    try {
      out.set(row.brand, {
        brand: row.brand,
        state: JSON.parse(row.state) as unknown,
        settledUntil: fromDateTime64(row.settled_until),
      });
    } catch (error) {
      throw new StorageError(
        `The saved alert watch state of brand ${row.brand} is not valid JSON; delete its row of ` +
          `alert_watch_state to let the detectors learn again.`,
        { cause: error },
      );
    }
  }
  return out;
}

/** The version of each saved watch state (cheap: no state text), to tell whether a cached state is current. */
export async function watchStateVersions(
  store: Store,
  brands: readonly string[],
): Promise<Map<string, number>> {
  const { client, table } = internals(store);
  const rs = await client.query({
    query: `SELECT brand, max(version) AS v FROM ${table('alert_watch_state')}
            WHERE has({brands:Array(String)}, brand) GROUP BY brand`,
    query_params: { brands: [...brands] },
    format: 'JSONEachRow',
  });
  return new Map((await rs.json<{ brand: string; v: string }>()).map((r) => [r.brand, Number(r.v)]));
}

/** Saves watch states (one row per brand; the latest save wins). Returns the version of each saved row. */
export async function saveWatchStates(
  store: Store,
  rows: readonly WatchStateRow[],
): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  if (rows.length === 0) return versions;
  const { client, table } = internals(store);
  const now = toDateTime64(Date.now());
  await client.insert({
    table: table('alert_watch_state'),
    format: 'JSONEachRow',
    values: rows.map((r) => {
      const version = nextVersion();
      versions.set(r.brand, version);
      return {
        brand: r.brand,
        state: JSON.stringify(r.state),
        settled_until: toDateTime64(r.settledUntil),
        version,
        updated_at: now,
      };
    }),
  });
  return versions;
}

/** Options of `alertListQuery`. */
export interface AlertListOptions {
  brand?: string;
  /** Alerts whose window started at or after this instant (epoch ms). @default 0 */
  since?: number;
  /** Only these ids. */
  ids?: readonly string[];
  /** Include alerts found while learning history. @default true */
  includeHistory?: boolean;
  /** @default 100 */
  limit?: number;
}

const ALERT_LIST_SQL = `
  SELECT a.id AS id, a.brand AS brand, a.kind AS kind, a.scope_type AS scope_type, a.scope AS scope,
         a.window_start AS window_start, a.window_end AS window_end, a.state AS state,
         a.opened_at AS opened_at, a.resolved_at AS resolved_at, a.observed AS observed,
         a.expected AS expected, a.spread AS spread, a.severity AS severity, a.strength AS strength,
         a.summary AS summary, a.evidence AS evidence, a.rule AS rule, a.history AS history,
         d.deliveries AS deliveries
  FROM (
    SELECT * FROM ${TABLES.alerts} FINAL
    WHERE ({brand:String} = '' OR brand = {brand:String})
      AND window_start >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')
      AND (empty({ids:Array(String)}) OR has({ids:Array(String)}, id))
      AND ({with_history:Bool} OR history = 0)
    ORDER BY window_start DESC, id
    LIMIT {limit:UInt32}
  ) AS a
  LEFT JOIN (
    SELECT alert_id,
           groupArray(tuple(transition, channel, channel_type, status, attempts,
                            toUnixTimestamp64Milli(not_before), last_error, fix,
                            ifNull(toUnixTimestamp64Milli(sent_at), -1))) AS deliveries
    FROM ${TABLES.alert_deliveries} FINAL
    GROUP BY alert_id
  ) AS d ON d.alert_id = a.id
  ORDER BY window_start DESC, id`;

/** Alerts, newest first, each with its deliveries (the read behind `earshot alerts list` and `show`). */
export function alertListQuery(options: AlertListOptions = {}): ReadQuery<AlertRecordWithDeliveries[]> {
  return {
    name: 'alerts',
    sql: ALERT_LIST_SQL,
    params: {
      brand: options.brand ?? '',
      since: Math.floor(options.since ?? 0),
      ids: [...(options.ids ?? [])],
      with_history: options.includeHistory ?? true,
      limit: Math.min(100_000, Math.max(1, Math.floor(options.limit ?? 100))),
    },
    decode: (result) => resultObjects(result).map(decodeAlert),
  };
}

/** An alert with how each of its transitions went on each channel. */
export interface AlertRecordWithDeliveries extends AlertRecord {
  deliveries: AlertDelivery[];
}

/** The alerts of `alertListQuery` (in-process). */
export async function listAlerts(
  store: Store,
  options: AlertListOptions = {},
): Promise<AlertRecordWithDeliveries[]> {
  return runReadQuery(store, alertListQuery(options));
}

function decodeAlert(r: Record<string, unknown>): AlertRecordWithDeliveries {
  const time = (v: unknown): number => fromDateTime64(String(v));
  const json = (v: unknown): unknown => (v === '' || v === null ? null : (JSON.parse(String(v)) as unknown));
  const deliveries = (Array.isArray(r.deliveries) ? (r.deliveries as unknown[][]) : []).map(
    ([transition, channel, channelType, status, attempts, notBefore, lastError, fix, sentAt]) => ({
      transition: String(transition) as AlertTransition,
      channel: String(channel),
      channelType: String(channelType),
      status: String(status),
      attempts: toCount(attempts),
      notBefore: toCount(notBefore),
      lastError: String(lastError),
      fix: String(fix),
      sentAt: toCount(sentAt) < 0 ? null : toCount(sentAt),
    }),
  );
  deliveries.sort((a, b) => a.transition.localeCompare(b.transition) || a.channel.localeCompare(b.channel));
  return {
    id: String(r.id),
    brand: String(r.brand),
    kind: String(r.kind) as AlertRecord['kind'],
    scopeType: String(r.scope_type) as AlertRecord['scopeType'],
    scope: String(r.scope),
    windowStart: time(r.window_start),
    windowEnd: time(r.window_end),
    state: String(r.state) as AlertRecord['state'],
    openedAt: time(r.opened_at),
    resolvedAt: r.resolved_at === null ? null : time(r.resolved_at),
    observed: Number(r.observed),
    expected: Number(r.expected),
    spread: Number(r.spread),
    severity: Number(r.severity),
    strength: String(r.strength),
    summary: String(r.summary),
    evidence: json(r.evidence) as AlertRecord['evidence'],
    rule: (json(r.rule) ?? {}) as Record<string, unknown>,
    history: Number(r.history) === 1,
    deliveries,
  };
}

/** A delivery waiting for its channel: pending (quiet hours over) or failed (backoff over). */
export interface DueDelivery {
  alertId: string;
  transition: AlertTransition;
  channel: string;
  attempts: number;
}

const DUE_DELIVERIES_SQL = `
  SELECT alert_id, transition, channel, attempts
  FROM ${TABLES.alert_deliveries} FINAL
  WHERE status IN ('pending', 'failed') AND not_before <= fromUnixTimestamp64Milli({now:Int64}, 'UTC')
  ORDER BY channel, alert_id, transition
  LIMIT {limit:UInt32}`;

/** Deliveries due at `now`, at most `limit` (the oldest channels' backlog is drained over several runs). */
export function dueDeliveriesQuery(now: number, limit = 500): ReadQuery<DueDelivery[]> {
  return {
    name: 'due alert deliveries',
    sql: DUE_DELIVERIES_SQL,
    params: { now: Math.floor(now), limit },
    decode: (result) =>
      resultObjects(result).map((r) => ({
        alertId: String(r.alert_id),
        transition: String(r.transition) as AlertTransition,
        channel: String(r.channel),
        attempts: toCount(r.attempts),
      })),
  };
}

/** A channel that has undelivered alerts, for `earshot status`. */
export interface ChannelProblem {
  channel: string;
  channelType: string;
  /** Transitions not delivered yet (failed or pending). */
  undelivered: number;
  failed: number;
  lastError: string;
  fix: string;
  lastAttemptAt: number;
}

const CHANNEL_PROBLEMS_SQL = `
  SELECT channel, any(channel_type) AS type, count() AS undelivered, countIf(status = 'failed') AS failed,
         argMaxIf(last_error, updated_at, status = 'failed') AS error, argMaxIf(fix, updated_at, status = 'failed') AS what_to_do,
         toUnixTimestamp64Milli(max(updated_at)) AS last_at
  FROM ${TABLES.alert_deliveries} FINAL
  WHERE status IN ('pending', 'failed')
  GROUP BY channel
  ORDER BY channel`;

/** Per channel, the alerts waiting and the last failure with what to fix. */
export function channelProblemsQuery(): ReadQuery<ChannelProblem[]> {
  return {
    name: 'alert channel problems',
    sql: CHANNEL_PROBLEMS_SQL,
    params: {},
    decode: (result) =>
      resultObjects(result).map((r) => ({
        channel: String(r.channel),
        channelType: String(r.type),
        undelivered: toCount(r.undelivered),
        failed: toCount(r.failed),
        lastError: String(r.error),
        fix: String(r.what_to_do),
        lastAttemptAt: toCount(r.last_at),
      })),
  };
}

function finite(n: number): number {
  return Number.isFinite(n) ? n : 0;
}
