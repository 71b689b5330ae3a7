/**
 * Watch planning, pure: one brand's five-minute buckets since the last run + its saved detector state →
 * the alert transitions to record and the state to save. No I/O, no clock: the caller passes `now`.
 *
 * Series and detectors per brand:
 * - the brand (all sources): volume_spike, negative_spike, drop, silence;
 * - each configured source of the brand: negative_spike, silence (a source that goes quiet);
 * - each aspect seen in the brand's mentions: aspect_spike (negative aspect mentions; share of all mentions).
 *
 * A bucket is stepped into the saved detectors once it is complete: `settleMs` after its end, when the polls
 * have brought in what was published in it. Spikes do not wait for that: the incomplete buckets after the last
 * complete one are also stepped into a throw-away copy of each spike detector, and an alert there opens a
 * *provisional* incident at once (counts only grow, so a spike seen early is still one when complete). When the
 * bucket completes, the saved detector either confirms it (same id: it is the same incident) or, if it does not
 * alert after all (a share diluted by late mentions), the incident is withdrawn with a resolve. Drops and
 * silences are decided on complete buckets only (an incomplete bucket always looks like a drop).
 */
import { createHash } from 'node:crypto';
import type { AlertKindName, AlertScopeType } from '../../core/alert.js';
import {
  createDetector,
  type Detector,
  type DetectorParams,
  type DetectorState,
  type SeriesBucket,
  type Sensitivity,
  type Verdict,
} from '../detect/index.js';

/** Bucket size of the watched series. */
export const BUCKET_MS = 300_000;

/** One brand as the watch sees it. */
export interface WatchBrand {
  key: string;
  name: string;
  sensitivity: Sensitivity;
  params?: Partial<DetectorParams>;
  timeZone: string;
  /** Configured sources that search for this brand (each is a series, so its silence is seen). */
  sources: ReadonlyArray<{ id: string; type: string }>;
}

/** A five-minute bucket of one source (storage's `SourceBucket` fits). */
export interface SourceCount {
  sourceId: string;
  start: number;
  volume: number;
  negative: number;
}

/** A five-minute bucket of one aspect (storage's `AspectBucket` fits). */
export interface AspectCount {
  aspect: string;
  start: number;
  negative: number;
}

/** A brand's saved watch state (JSON). */
export interface BrandWatchState {
  v: 1;
  /** Every bucket starting before this instant is stepped into the saved detectors. */
  settledUntil: number;
  series: Record<string, SeriesWatchState>;
}

/** One detector's saved state and its open incident. */
export interface SeriesWatchState {
  detector: DetectorState;
  open?: OpenIncident;
}

/** An incident that has been recorded and not resolved. */
export interface OpenIncident {
  id: string;
  windowStart: number;
  /** Last bucket end seen firing. */
  windowEnd: number;
  /** Opened on incomplete buckets; confirmed or withdrawn when they complete. */
  provisional: boolean;
}

/** The alert fields the detectors decide (the caller adds evidence and the sentence). */
export interface AlertDraft {
  id: string;
  brand: string;
  kind: AlertKindName;
  scopeType: AlertScopeType;
  scope: string;
  windowStart: number;
  windowEnd: number;
  observed: number;
  expected: number;
  spread: number;
  severity: number;
  strength: string;
  rule: Record<string, unknown>;
}

/** What happened to an incident in this run. */
export interface WatchTransition {
  /** opened: record and announce; updated: same incident, better figures (no message); resolved: announce. */
  type: 'opened' | 'updated' | 'resolved';
  alert: AlertDraft;
  /** The incident opened and closed while the detectors learned stored history (record, do not deliver). */
  history: boolean;
  /** Resolved because the completed bucket did not confirm a provisional alert. */
  withdrawn?: boolean;
}

/** Input of `planBrand`. */
export interface PlanBrandInput {
  brand: WatchBrand;
  /** Saved state, or undefined the first time (the detectors then learn from `warmupMs` of history). */
  state: BrandWatchState | undefined;
  now: number;
  settleMs: number;
  warmupMs: number;
  /** This brand's buckets from `readFrom(state, now, warmupMs)` to now (any order; zeros may be absent). */
  sources: readonly SourceCount[];
  aspects: readonly AspectCount[];
  /** Wait for data in the last hour before learning a new brand (the live watch). @default true */
  requireRecentData?: boolean;
}

/** What `planBrand` decided. */
export interface PlanBrandResult {
  /** Undefined while a new brand waits for recent data (nothing to save yet). */
  state: BrandWatchState | undefined;
  transitions: WatchTransition[];
  /** The state differs from the one given (a bucket settled, an incident moved): save it. */
  changed: boolean;
}

/** A brand seen for the first time starts once it has data this recent. */
export const RECENT_DATA_MS = 3_600_000;

const SPIKES = new Set<AlertKindName>(['volume_spike', 'negative_spike', 'aspect_spike']);

/** Start of the bucket holding `t`. */
export const bucketStart = (t: number): number => Math.floor(t / BUCKET_MS) * BUCKET_MS;

/** Where the next read for a brand starts: its first unsettled bucket, or the warm-up's first one. */
export function readFrom(state: BrandWatchState | undefined, now: number, warmupMs: number): number {
  return state ? state.settledUntil : bucketStart(now - warmupMs);
}

/** The deterministic alert id: the same brand, kind, scope and opening bucket always give the same id. */
export function alertId(
  brand: string,
  kind: string,
  scopeType: string,
  scope: string,
  windowStart: number,
): string {
  return createHash('sha256')
    .update(`${brand}\u0000${kind}\u0000${scopeType}\u0000${scope}\u0000${windowStart}`)
    .digest('hex')
    .slice(0, 16);
}

interface SeriesSpec {
  key: string;
  kind: AlertKindName;
  scopeType: AlertScopeType;
  scope: string;
  bucket(start: number): SeriesBucket;
}

/** Plans one brand's watch run (see the module comment). */
export function planBrand(input: PlanBrandInput): PlanBrandResult {
  const { brand, now } = input;
  const learning = input.state === undefined;
  let from = readFrom(input.state, now, input.warmupMs);
  if (learning) {
    // Learn from the brand's first stored bucket (zeros before it would teach a baseline of nothing), and only
    // once its data reaches the last hour: a first run racing the initial backfill would settle buckets whose
    // mentions are still on their way.
    const starts = [...input.sources.map((r) => r.start), ...input.aspects.map((r) => r.start)];
    const first = Math.min(...starts);
    const recent = starts.length > 0 && Math.max(...starts) >= now - RECENT_DATA_MS;
    if (starts.length === 0 || (!recent && (input.requireRecentData ?? true))) {
      return { state: undefined, transitions: [], changed: false };
    }
    from = Math.max(from, bucketStart(first));
  }
  const settleEnd = Math.max(from, bucketStart(now - input.settleMs));
  const current = bucketStart(now);
  const series = seriesOf(input, input.state);
  const saved = input.state?.series ?? {};
  const next: BrandWatchState = { v: 1, settledUntil: settleEnd, series: {} };
  const transitions: WatchTransition[] = [];

  for (const spec of series) {
    const prior = saved[spec.key];
    const settling = from < settleEnd || prior === undefined;
    // Most runs settle no bucket (one in five at a 1-minute interval): a series then costs nothing unless its
    // incomplete buckets hold data a spike probe must look at.
    const probing = SPIKES.has(spec.kind) && !prior?.open && hasData(spec, settleEnd, current);
    if (!settling && !probing && prior) {
      next.series[spec.key] = prior;
      continue;
    }
    const detector = detectorFor(brand, spec.kind, prior?.detector);
    let open = prior?.open ? { ...prior.open } : undefined;
    const emit = (t: WatchTransition): void => {
      transitions.push(t);
    };
    for (let start = from; start < settleEnd; start += BUCKET_MS) {
      const verdict = detector.step(spec.bucket(start));
      open = settle(open, verdict, spec, brand, learning, emit);
    }
    const snapshot = settling || !prior ? detector.snapshot() : prior.detector;
    // Spikes on the incomplete buckets, through a copy of the detector that is never saved.
    if (SPIKES.has(spec.kind) && !open && hasData(spec, settleEnd, current)) {
      const probe = detectorFor(brand, spec.kind, settling ? detector.snapshot() : prior?.detector);
      for (let start = settleEnd; start <= current; start += BUCKET_MS) {
        const verdict = probe.step(spec.bucket(start));
        if (verdict.alert) {
          open = opened(verdict, spec, brand, true);
          emit({ type: 'opened', alert: draft(open.id, verdict, spec, brand), history: false });
          break;
        }
      }
    }
    next.series[spec.key] = open ? { detector: snapshot, open } : { detector: snapshot };
  }
  // An incident that both opened and closed while learning history is only recorded, never announced.
  const closedWhileLearning = new Set(
    learning ? transitions.filter((t) => t.type === 'resolved').map((t) => t.alert.id) : [],
  );
  for (const t of transitions) if (closedWhileLearning.has(t.alert.id)) t.history = true;
  return { state: next, transitions, changed: learning || settleEnd > from || transitions.length > 0 };
}

function hasData(spec: SeriesSpec, from: number, current: number): boolean {
  for (let start = from; start <= current; start += BUCKET_MS) if (spec.bucket(start).count > 0) return true;
  return false;
}

/** One complete bucket's verdict applied to the series' open incident. */
function settle(
  open: OpenIncident | undefined,
  verdict: Verdict,
  spec: SeriesSpec,
  brand: WatchBrand,
  learning: boolean,
  emit: (t: WatchTransition) => void,
): OpenIncident | undefined {
  const end = verdict.start + BUCKET_MS;
  if (verdict.alert) {
    if (open) {
      // The provisional incident (or one still open) is this one: keep its id, confirm its figures.
      const confirmed: OpenIncident = { ...open, provisional: false, windowEnd: end };
      emit({
        type: 'updated',
        alert: draft(open.id, verdict, spec, brand, open.windowStart),
        history: false,
      });
      return confirmed;
    }
    const fresh = opened(verdict, spec, brand, false);
    emit({ type: 'opened', alert: draft(fresh.id, verdict, spec, brand), history: false });
    return fresh;
  }
  if (!open) return undefined;
  const withdrawn = open.provisional && verdict.start >= open.windowStart && !verdict.firing;
  if (verdict.resolved || withdrawn) {
    emit({
      type: 'resolved',
      alert: { ...draft(open.id, verdict, spec, brand, open.windowStart), windowEnd: end },
      history: learning,
      ...(withdrawn && !verdict.resolved ? { withdrawn: true } : {}),
    });
    return undefined;
  }
  return verdict.firing ? { ...open, windowEnd: end } : open;
}

function opened(verdict: Verdict, spec: SeriesSpec, brand: WatchBrand, provisional: boolean): OpenIncident {
  return {
    id: alertId(brand.key, spec.kind, spec.scopeType, spec.scope, verdict.start),
    windowStart: verdict.start,
    windowEnd: verdict.start + BUCKET_MS,
    provisional,
  };
}

function draft(
  id: string,
  verdict: Verdict,
  spec: SeriesSpec,
  brand: WatchBrand,
  windowStart = verdict.start,
): AlertDraft {
  return {
    id,
    brand: brand.key,
    kind: spec.kind,
    scopeType: spec.scopeType,
    scope: spec.scope,
    windowStart,
    windowEnd: verdict.start + BUCKET_MS,
    observed: verdict.observed,
    expected: verdict.expected,
    spread: verdict.spread,
    severity: verdict.severity,
    strength: verdict.strength,
    rule: {
      kind: spec.kind,
      sensitivity: brand.sensitivity,
      bucketMinutes: BUCKET_MS / 60_000,
      ...(brand.params && Object.keys(brand.params).length ? { params: brand.params } : {}),
    },
  };
}

function detectorFor(brand: WatchBrand, kind: AlertKindName, state: DetectorState | undefined): Detector {
  return createDetector(
    kind,
    { intervalMs: BUCKET_MS, sensitivity: brand.sensitivity, params: brand.params, timeZone: brand.timeZone },
    state,
  );
}

/** The brand's series: fixed ones, one per configured source, one per aspect seen now or before. */
function seriesOf(input: PlanBrandInput, state: BrandWatchState | undefined): SeriesSpec[] {
  const bySource = new Map<string, Map<number, SourceCount>>();
  const total = new Map<number, { volume: number; negative: number }>();
  for (const row of input.sources) {
    const rows = bySource.get(row.sourceId) ?? new Map<number, SourceCount>();
    rows.set(row.start, row);
    bySource.set(row.sourceId, rows);
    const t = total.get(row.start) ?? { volume: 0, negative: 0 };
    t.volume += row.volume;
    t.negative += row.negative;
    total.set(row.start, t);
  }
  const byAspect = new Map<string, Map<number, number>>();
  for (const row of input.aspects) {
    const rows = byAspect.get(row.aspect) ?? new Map<number, number>();
    rows.set(row.start, (rows.get(row.start) ?? 0) + row.negative);
    byAspect.set(row.aspect, rows);
  }
  const volumeAt = (start: number): number => total.get(start)?.volume ?? 0;
  const specs: SeriesSpec[] = [];
  const add = (
    kind: AlertKindName,
    scopeType: AlertScopeType,
    scope: string,
    bucket: SeriesSpec['bucket'],
  ): void => {
    specs.push({ key: `${kind}|${scopeType}|${scope}`, kind, scopeType, scope, bucket });
  };
  add('volume_spike', 'brand', '', (start) => ({ start, count: volumeAt(start) }));
  add('negative_spike', 'brand', '', (start) => ({
    start,
    count: total.get(start)?.negative ?? 0,
    total: volumeAt(start),
  }));
  add('drop', 'brand', '', (start) => ({ start, count: volumeAt(start) }));
  add('silence', 'brand', '', (start) => ({ start, count: volumeAt(start) }));
  // With one source the per-source series would repeat the brand's (and alert twice for one incident).
  for (const { id } of input.brand.sources.length > 1 ? input.brand.sources : []) {
    const rows = (): Map<number, SourceCount> | undefined => bySource.get(id);
    add('negative_spike', 'source', id, (start) => {
      const row = rows()?.get(start);
      return { start, count: row?.negative ?? 0, total: row?.volume ?? 0 };
    });
    add('silence', 'source', id, (start) => ({ start, count: rows()?.get(start)?.volume ?? 0 }));
  }
  const aspects = new Set<string>(byAspect.keys());
  for (const key of Object.keys(state?.series ?? {})) {
    const [kind, scopeType, scope] = key.split('|');
    if (kind === 'aspect_spike' && scopeType === 'aspect' && scope) aspects.add(scope);
  }
  for (const aspect of [...aspects].sort()) {
    add('aspect_spike', 'aspect', aspect, (start) => ({
      start,
      count: byAspect.get(aspect)?.get(start) ?? 0,
      total: volumeAt(start),
    }));
  }
  return specs;
}
