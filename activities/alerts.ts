/**
 * Alert activities of the spike-watch workflow: `watchAlerts` (read the five-minute series, run the detectors
 * from their saved state, record alerts with their evidence, queue their deliveries, then save the state),
 * `dueDeliveries` (group what is due into one message per channel) and `deliverAlerts` (send one message,
 * record the outcome). Order makes restarts safe: alerts and pending deliveries are written before the state
 * that would skip their buckets, so a crash re-plans the same buckets into the same ids (nothing lost, nothing
 * doubled); a delivery is marked sent right after the channel accepted it.
 */
import { heartbeat } from '@temporalio/activity';
import type { AlertRecord, AlertTransition } from '../core/alert.js';
import type { RouteConfig } from '../core/config/alerts.js';
import { AlertError, retryAfterMsOf } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { buildEvidence, BASELINE_MS, EVIDENCE_LOOKBACK_MS } from '../alerts/evidence/index.js';
import { batchKey, type Notifier } from '../alerts/notify/index.js';
import {
  planBrand,
  readFrom,
  type AlertDraft,
  type BrandWatchState,
  type WatchBrand,
} from '../alerts/watch/plan.js';
import { recordsOf, type AlertStory } from '../alerts/watch/records.js';
import type {
  AlertRecordWithDeliveries,
  DeliveryUpdate,
  DueDelivery,
  WatchStateRow,
} from '../storage/alerts.js';
import type { EvidenceMention, TopMentionsOptions } from '../storage/evidence.js';
import type { AspectBucket, FiveMinuteRange, SourceBucket } from '../storage/five-minute-series.js';
import { toActivityFailure } from './errors.js';

/** What the alert activities read and write (storage functions bound to a store). */
export interface AlertStorePort {
  sourceBuckets(range: FiveMinuteRange): Promise<SourceBucket[]>;
  aspectBuckets(range: FiveMinuteRange): Promise<AspectBucket[]>;
  topNegativeMentions(options: TopMentionsOptions): Promise<EvidenceMention[]>;
  loadWatchStates(brands: readonly string[]): Promise<Map<string, WatchStateRow>>;
  watchStateVersions(brands: readonly string[]): Promise<Map<string, number>>;
  saveWatchStates(rows: readonly WatchStateRow[]): Promise<Map<string, number>>;
  listAlerts(ids: readonly string[]): Promise<AlertRecordWithDeliveries[]>;
  recordAlerts(alerts: readonly AlertRecord[]): Promise<void>;
  addPendingDeliveries(rows: readonly DeliveryUpdate[]): Promise<number>;
  recordDeliveries(rows: readonly DeliveryUpdate[]): Promise<void>;
  dueDeliveries(now: number): Promise<DueDelivery[]>;
}

/** The watch's settings, from the config. */
export interface AlertWatchSettings {
  brands: readonly WatchBrand[];
  settleMs: number;
  warmupMs: number;
  routes: readonly RouteConfig[];
  notifiers: ReadonlyMap<string, Notifier>;
}

/** What the alert activities need. */
export interface AlertDeps {
  alertStore: AlertStorePort;
  alertSettings: AlertWatchSettings;
  now: () => number;
  logger: Logger;
}

/** What one watch run did. */
export interface WatchRunResult {
  opened: number;
  resolved: number;
  history: number;
  queued: number;
}

/** One message to send: its channel, its transitions, its idempotency key. */
export interface DeliveryPlan {
  channel: string;
  idempotencyKey: string;
  items: Array<{ alertId: string; transition: AlertTransition; attempts: number }>;
}

/** How often a state that only stepped calm buckets is written (see watchAlerts). */
const STATE_SAVE_MS = 15 * 60_000;
/** Most transitions grouped into one message. */
const MAX_BATCH = 20;
/** Backoff of a failing channel between watch runs: 1, 2, 4 … minutes, at most an hour. */
const backoffMs = (attempts: number): number => Math.min(3_600_000, 60_000 * 2 ** Math.max(0, attempts - 1));

/** Builds the alert activities bound to `deps`. */
export function createAlertActivities(deps: AlertDeps) {
  const { alertStore: store, alertSettings: settings } = deps;
  const brandNames = new Map(settings.brands.map((b) => [b.key, b.name]));
  const channels = [...settings.notifiers.keys()];
  const cache = new Map<string, { version: number; state: BrandWatchState; savedAt: number }>();

  async function storyOf(a: AlertDraft, now: number): Promise<AlertStory> {
    const from = a.windowStart - EVIDENCE_LOOKBACK_MS;
    const to = Math.max(a.windowEnd, Math.min(now, a.windowEnd + EVIDENCE_LOOKBACK_MS));
    const range = { brands: [a.brand], from, to };
    const baselineRange = { brands: [a.brand], from: from - BASELINE_MS, to: from };
    const [mentions, windowSources, windowAspects, baseSources, baseAspects] = await Promise.all([
      store.topNegativeMentions({
        brand: a.brand,
        from,
        to,
        limit: 20,
        maxTextChars: 300,
        ...(a.scopeType === 'source' ? { sourceId: a.scope } : {}),
        ...(a.scopeType === 'aspect' ? { aspect: a.scope } : {}),
      }),
      store.sourceBuckets(range),
      store.aspectBuckets(range),
      store.sourceBuckets(baselineRange),
      store.aspectBuckets(baselineRange),
    ]);
    const negativesMatter = a.kind === 'negative_spike' || a.kind === 'aspect_spike';
    const bySource = (rows: SourceBucket[]) =>
      sumParts(
        rows,
        (r) => r.sourceId,
        (r) => (negativesMatter ? r.negative : r.volume),
        (r) => r.source,
      );
    const byAspect = (rows: AspectBucket[]) =>
      sumParts(
        rows,
        (r) => r.aspect,
        (r) => r.negative,
      );
    return buildEvidence({
      brandName: brandNames.get(a.brand) ?? a.brand,
      kind: a.kind,
      scopeType: a.scopeType,
      scope: a.scope,
      windowStart: a.windowStart,
      windowEnd: a.windowEnd,
      observed: a.observed,
      expected: a.expected,
      spread: a.spread,
      strength: a.strength,
      mentions,
      window: {
        volume: windowSources.reduce((s, r) => s + r.volume, 0),
        negative: windowSources.reduce((s, r) => s + r.negative, 0),
        sources: bySource(windowSources),
        aspects: byAspect(windowAspects),
      },
      baseline: { sources: bySource(baseSources), aspects: byAspect(baseAspects) },
    });
  }

  return {
    /** One watch run over every configured brand (see the module comment). */
    async watchAlerts(): Promise<WatchRunResult> {
      try {
        const now = deps.now();
        const keys = settings.brands.map((b) => b.key);
        // States this worker saved last are reused when still current (a version check, not a parse of
        // every brand's JSON); a state saved elsewhere (another worker, a restart) is loaded.
        const versions = await store.watchStateVersions(keys);
        const stale = keys.filter((k) => versions.has(k) && cache.get(k)?.version !== versions.get(k));
        const loaded = stale.length ? await store.loadWatchStates(stale) : new Map<string, WatchStateRow>();
        for (const [k, row] of loaded)
          cache.set(k, { version: versions.get(k)!, state: row.state as BrandWatchState, savedAt: now });
        const stateOf = (key: string): BrandWatchState | undefined =>
          versions.has(key) ? cache.get(key)?.state : undefined;
        const from = Math.min(
          ...settings.brands.map((b) => readFrom(stateOf(b.key), now, settings.warmupMs)),
        );
        const range = { brands: keys, from, to: now + 1 };
        const [sources, aspects] = await Promise.all([
          store.sourceBuckets(range),
          store.aspectBuckets(range),
        ]);
        beat({ rows: sources.length + aspects.length });
        const sourcesOf = groupBy(sources, (r) => r.brand);
        const aspectsOf = groupBy(aspects, (r) => r.brand);

        const plans = settings.brands.map((brand) => ({
          brand,
          ...planBrand({
            brand,
            state: stateOf(brand.key),
            now,
            settleMs: settings.settleMs,
            warmupMs: settings.warmupMs,
            sources: sourcesOf.get(brand.key) ?? [],
            aspects: aspectsOf.get(brand.key) ?? [],
          }),
        }));
        const transitions = plans.flatMap((p) => p.transitions);
        const result: WatchRunResult = { opened: 0, resolved: 0, history: 0, queued: 0 };
        if (transitions.length > 0) {
          const ids = [...new Set(transitions.map((t) => t.alert.id))];
          const existing = new Map((await store.listAlerts(ids)).map((a) => [a.id, withoutDeliveries(a)]));
          const stories = new Map<string, AlertStory>();
          for (const t of transitions) {
            if (t.type === 'resolved' || stories.has(t.alert.id)) continue;
            stories.set(t.alert.id, await storyOf(t.alert, now));
          }
          const { records, deliveries } = recordsOf({
            transitions,
            existing,
            stories,
            routes: settings.routes,
            channels,
            now,
          });
          await store.recordAlerts(records);
          result.queued = await store.addPendingDeliveries(
            deliveries.map((d) => ({
              ...d,
              channelType: settings.notifiers.get(d.channel)?.type ?? 'unknown',
              status: 'pending',
              attempts: 0,
              idempotencyKey: '',
              lastError: '',
              fix: '',
            })),
          );
          for (const t of transitions) {
            if (t.history) result.history += t.type === 'opened' ? 1 : 0;
            else if (t.type === 'opened') result.opened++;
            else if (t.type === 'resolved') result.resolved++;
          }
        }
        // Last: the state that moves past the planned buckets (see the module comment). A state that only
        // stepped calm buckets is kept in memory and saved every STATE_SAVE_MS: after a restart the watch
        // re-plans those buckets from the older saved state into the same ids, which records and queues
        // nothing new; a state with a transition, or a brand's first, is saved at once.
        const changed = plans.filter((p) => p.state && (p.changed || !versions.has(p.brand.key)));
        const due = changed.filter(
          (p) =>
            p.transitions.length > 0 ||
            !versions.has(p.brand.key) ||
            now - (cache.get(p.brand.key)?.savedAt ?? 0) >= STATE_SAVE_MS,
        );
        const savedVersions = await store.saveWatchStates(
          due.map((p) => ({ brand: p.brand.key, state: p.state!, settledUntil: p.state!.settledUntil })),
        );
        for (const p of changed) {
          const saved = savedVersions.get(p.brand.key);
          const before = cache.get(p.brand.key);
          cache.set(p.brand.key, {
            version: saved ?? versions.get(p.brand.key)!,
            state: p.state!,
            savedAt: saved !== undefined ? now : (before?.savedAt ?? now),
          });
        }
        if (result.history > 0) {
          deps.logger.info(
            { incidents: result.history },
            `alerts: the detectors learned from stored history and recorded ${result.history} past incident(s), not delivered (earshot alerts list)`,
          );
        }
        return result;
      } catch (error) {
        throw toActivityFailure(error, 'alerts');
      }
    },

    /** Due deliveries grouped into messages: one per channel, at most 20 transitions each. */
    async dueDeliveries(): Promise<DeliveryPlan[]> {
      const due = await store.dueDeliveries(deps.now());
      const plans: DeliveryPlan[] = [];
      for (const [channel, items] of groupBy(due, (d) => d.channel)) {
        for (let i = 0; i < items.length; i += MAX_BATCH) {
          const chunk = items
            .slice(i, i + MAX_BATCH)
            .map((d) => ({ alertId: d.alertId, transition: d.transition, attempts: d.attempts }));
          plans.push({ channel, idempotencyKey: batchKey(channel, chunk), items: chunk });
        }
      }
      return plans;
    },

    /**
     * Sends one message and records the outcome per transition. Transitions already sent (a retry after the
     * outcome was recorded) are dropped; a failure is recorded with what to fix, then thrown for Temporal to
     * retry with the same idempotency key.
     */
    async deliverAlerts(plan: DeliveryPlan): Promise<{ sent: number }> {
      const notifier = settings.notifiers.get(plan.channel);
      const alerts = new Map(
        (await store.listAlerts(plan.items.map((i) => i.alertId))).map((a) => [a.id, a]),
      );
      const items = plan.items.filter((i) => {
        const delivery = alerts
          .get(i.alertId)
          ?.deliveries.find((d) => d.channel === plan.channel && d.transition === i.transition);
        return alerts.has(i.alertId) && delivery?.status !== 'sent';
      });
      if (items.length === 0) return { sent: 0 };
      const row = (i: (typeof items)[number], update: Partial<DeliveryUpdate>): DeliveryUpdate => {
        const previous = alerts
          .get(i.alertId)
          ?.deliveries.find((d) => d.channel === plan.channel && d.transition === i.transition);
        return {
          alertId: i.alertId,
          transition: i.transition,
          channel: plan.channel,
          channelType: notifier?.type ?? 'unknown',
          status: 'pending',
          attempts: (previous?.attempts ?? 0) + 1,
          notBefore: 0,
          idempotencyKey: plan.idempotencyKey,
          lastError: '',
          fix: '',
          ...update,
        };
      };
      const now = deps.now();
      try {
        if (!notifier) {
          throw new AlertError(
            `Channel ${plan.channel} is no longer configured.`,
            plan.channel,
            `Add alerts.channels.${plan.channel} back, or ignore: these alerts stay recorded.`,
          );
        }
        await notifier.send({
          idempotencyKey: plan.idempotencyKey,
          sentAt: now,
          items: items.map((i) => {
            const alert = withoutDeliveries(alerts.get(i.alertId)!);
            return { transition: i.transition, alert, brandName: brandNames.get(alert.brand) ?? alert.brand };
          }),
        });
      } catch (error) {
        const attempts = Math.max(...items.map((i) => row(i, {}).attempts));
        const wait = retryAfterMsOf(error) ?? backoffMs(attempts);
        const message = error instanceof Error ? error.message : String(error);
        const fix = error instanceof AlertError ? error.fix : `Check the ${plan.channel} channel's settings.`;
        await store.recordDeliveries(
          items.map((i) => row(i, { status: 'failed', lastError: message, fix, notBefore: now + wait })),
        );
        deps.logger.warn(
          { channel: plan.channel, alerts: items.length, error: message, fix },
          'alert delivery failed',
        );
        throw toActivityFailure(error, plan.channel);
      }
      await store.recordDeliveries(items.map((i) => row(i, { status: 'sent', sentAt: deps.now() })));
      return { sent: items.length };
    },
  };
}

/** The alert activities, as the spike-watch workflow proxies them. */
export type AlertActivities = ReturnType<typeof createAlertActivities>;

/** Heartbeats inside an activity; a no-op when called directly (backtests, benches, tests). */
function beat(details: unknown): void {
  try {
    heartbeat(details);
  } catch {
    // Not in an activity context.
  }
}

function withoutDeliveries(a: AlertRecordWithDeliveries): AlertRecord {
  const { deliveries: _deliveries, ...record } = a;
  return record;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

function sumParts<T>(
  rows: readonly T[],
  name: (row: T) => string,
  count: (row: T) => number,
  label?: (row: T) => string,
): Array<{ name: string; label?: string; count: number }> {
  const out = new Map<string, { name: string; label?: string; count: number }>();
  for (const row of rows) {
    const n = name(row);
    const part = out.get(n) ?? { name: n, ...(label ? { label: label(row) } : {}), count: 0 };
    part.count += count(row);
    out.set(n, part);
  }
  return [...out.values()];
}
