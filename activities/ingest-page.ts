/**
 * One batch of ingest pages, shared by scheduled ingest and backfill: fetch after the stored cursor →
 * attribute to brands → score → store → save the cursor. The cursor is saved only after the mentions
 * are stored, and the store is idempotent, so a crash or retry anywhere loses nothing and duplicates
 * nothing.
 */
import { heartbeat, log } from '@temporalio/activity';
import type { Connector } from '../core/connector.js';
import type { FetchedMention, Mention } from '../core/mention.js';
import { ConnectorConfigError } from '../core/errors.js';
import { prepareText } from '../matching/index.js';
import type {
  BrandMatcher,
  CursorStore,
  MentionWriter,
  PendingMentions,
  ResolvedSource,
  StoryAssigner,
} from './ports.js';
import { scoreMention, scoredText, type ScoringDeps } from './score.js';
import type { ReadAhead } from './read-ahead.js';
import type { BackfillPageResult, IngestCounts, IngestPageResult } from './types.js';

/** What fetching, scoring and storing a batch of pages needs. */
export interface BatchDeps extends ScoringDeps {
  store: MentionWriter;
  stories: StoryAssigner;
  now: () => number;
  /** The worker's read-ahead of the next batch per cursor (none: each activity reads its own batch). */
  readAhead?: ReadAhead;
}

/** The configured sources, by id. */
export interface SourceDeps {
  sources: ReadonlyMap<string, ResolvedSource>;
}

/** Looks up a configured source; a missing one is a config problem, not a transient failure. */
export function resolveSource(deps: SourceDeps, sourceId: string): ResolvedSource {
  const source = deps.sources.get(sourceId);
  if (!source) {
    throw new ConnectorConfigError(
      `Source "${sourceId}" is not in this worker's config; add it to earshot.config.yaml or delete its schedule`,
      sourceId,
    );
  }
  return source;
}

/** Turns fetched records into stored mention rows: one per matching brand, scored for that brand. */
export function toMentions(
  deps: BatchDeps,
  source: ResolvedSource,
  fetched: FetchedMention[],
): { mentions: Mention[]; unmatched: number } {
  const mentions: Mention[] = [];
  let unmatched = 0;
  const fetchedAt = deps.now();
  for (const record of fetched) {
    const haystack = scoredText(record);
    // A survey response or ticket names its brand; matching its text ("great service") would drop it.
    let brands: BrandMatcher[];
    if (record.attributed_brand === undefined) {
      const prepared = prepareText(haystack); // tokenized once for all of the source's brands
      // The brand's own posts (its replies) belong to it even without its name in them.
      brands = source.brands.filter((b) => b.ownsAuthor?.(record.author) || b.matches(prepared));
    } else {
      brands = source.brands.filter((b) => b.key === record.attributed_brand);
    }
    if (brands.length === 0) {
      unmatched++;
      continue;
    }
    const storyId = deps.stories.assign(haystack);
    for (const brand of brands) {
      mentions.push(
        scoreMention(deps, record, haystack, {
          brand: brand.key,
          sourceId: source.config.id,
          fetchedAt,
          storyId,
          fromBrand: brand.ownsAuthor?.(record.author) ?? false,
        }),
      );
    }
  }
  return { mentions, unmatched };
}

/**
 * How much one activity gathers before it stores: consecutive pages share one insert, because each insert
 * has a fixed cost (new parts in `mentions` and in each of its four materialized views) that small API pages
 * would otherwise pay one by one. 20,000 mentions, not more: 40,000 cut the store's CPU per mention by
 * another ~15 % but took the worker's peak RSS to 1.9 GB (docs/performance.md). Bounded so heartbeats,
 * retries and the worker's memory stay small.
 */
export const BATCH_LIMITS = { mentions: 20_000, pages: 100, millis: 20_000 };

/** Pages fetched and scored, not yet stored: counts, the mentions, the cursor after the last page. */
export interface CollectedBatch extends Omit<IngestCounts, 'new' | 'updated' | 'unchanged'> {
  /** The scored mentions, in the writer's batch (encoded as they were scored). */
  pending: PendingMentions;
  /** How many mention rows (one per matched brand) the batch holds. */
  size: number;
  caughtUp: boolean;
  cursor: unknown;
  oldest?: number;
  newest?: number;
  /** A page failed after earlier pages were fetched: store those, save the cursor, then rethrow. */
  deferredError?: unknown;
}

/** Result of `ingestBatch`: counts, the cursor after the last stored page, and the span covered. */
export interface BatchResult extends IngestPageResult {
  cursor: unknown;
  oldest?: number;
  newest?: number;
  /** A page failed after earlier pages were fetched: those were stored; rethrow once the cursor is saved. */
  deferredError?: unknown;
}

// Scoring yields to the event loop before every slice of this many records (the first of each page
// included: an await on a connector that answers synchronously does not reach the event loop), so a
// finished chDB read or insert of the batch before is answered, and the next insert started, without
// waiting for the whole batch to be scored.
const SCORE_SLICE = 1_000;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Fetches pages after `cursor` until caught up or a batch limit and scores them; nothing is stored yet.
 * The first page's failure is thrown; a later page's is returned as `deferredError` with the pages before it.
 */
export async function collectBatch(
  deps: BatchDeps,
  source: ResolvedSource,
  connector: Connector,
  cursor: unknown,
  /** Liveness signal between steps (the activity passes Temporal's `heartbeat`). */
  progress: (details: object) => void = () => {},
  limits = BATCH_LIMITS,
): Promise<CollectedBatch> {
  const started = deps.now();
  const pending = deps.store.createBatch?.() ?? collectInto([], deps.store);
  let size = 0;
  const counts = { pages: 0, fetched: 0, skippedInvalid: 0, unmatched: 0 };
  let next = cursor;
  let caughtUp = false;
  let deferredError: unknown;
  let oldest = Infinity;
  let newest = -Infinity;
  do {
    let page;
    try {
      await source.pace?.();
      page = await connector.fetchPage(next ?? null);
    } catch (error) {
      if (counts.pages === 0) throw error;
      deferredError = error;
      break;
    }
    counts.pages++;
    counts.fetched += page.mentions.length;
    counts.skippedInvalid += page.skippedInvalid;
    for (let i = 0; i < page.mentions.length; i += SCORE_SLICE) {
      await yieldToEventLoop();
      const converted = toMentions(deps, source, page.mentions.slice(i, i + SCORE_SLICE));
      pending.add(converted.mentions);
      size += converted.mentions.length;
      counts.unmatched += converted.unmatched;
    }
    for (const m of page.mentions) {
      oldest = Math.min(oldest, m.published_at);
      newest = Math.max(newest, m.published_at);
    }
    next = page.cursor;
    caughtUp = page.caughtUp;
    progress({ pages: counts.pages, fetched: counts.fetched });
  } while (
    !caughtUp &&
    size < limits.mentions &&
    counts.pages < limits.pages &&
    deps.now() - started < limits.millis
  );
  return {
    ...counts,
    pending,
    size,
    caughtUp,
    cursor: next,
    ...(oldest <= newest ? { oldest, newest } : {}),
    ...(deferredError === undefined ? {} : { deferredError }),
  };
}

/** A writer's batch for a writer without `createBatch`: the mentions, upserted at once. */
function collectInto(mentions: Mention[], writer: MentionWriter): PendingMentions {
  return {
    add: (more) => {
      for (const m of more) mentions.push(m);
    },
    store: () => writer.upsertMentions(mentions),
  };
}

/** Stores a collected batch in one upsert and returns its counts (the cursor is the caller's to save). */
async function storeBatch(batch: CollectedBatch): Promise<BatchResult> {
  const { pending, size: _size, skippedInvalid, ...rest } = batch;
  const { invalid, inserted, updated, unchanged } = await pending.store();
  return { ...rest, skippedInvalid: skippedInvalid + invalid, new: inserted, updated, unchanged };
}

/**
 * Fetches pages after `cursor` until caught up or a batch limit, scores them and stores them in one
 * upsert. The caller saves the returned cursor only after this resolves, so nothing is skipped.
 */
export async function ingestBatch(
  deps: BatchDeps,
  source: ResolvedSource,
  connector: Connector,
  cursor: unknown,
  progress: (details: object) => void = () => {},
  limits = BATCH_LIMITS,
): Promise<BatchResult> {
  const batch = await collectBatch(deps, source, connector, cursor, progress, limits);
  const result = await storeBatch(batch);
  progress({ stored: batch.size });
  return result;
}

/**
 * The activity step shared by scheduled ingest and backfill: loads the cursor kept under `cursorKey`,
 * ingests one batch through `connector` from there (heartbeating per page), saves the cursor once the
 * batch is stored, then surfaces a page error that interrupted the batch (the pages before it are kept,
 * so a retry does not ask a rate-limited API for them again).
 *
 * With `deps.readAhead`, the batch after this one is fetched and scored while this one is stored (chDB
 * stores on its own threads, so both cores work), for the next activity of the same cursor on this worker.
 * Nothing is stored or saved outside an activity: a batch read ahead is used only when the next activity
 * starts from exactly the cursor it was read from.
 */
export async function ingestFromCursor(
  deps: BatchDeps & { store: CursorStore },
  source: ResolvedSource,
  connector: Connector,
  cursorKey: string,
  limits = BATCH_LIMITS,
): Promise<BackfillPageResult> {
  const cursor = await deps.store.loadCursor(cursorKey);
  const version = deps.analyzer.version;
  const batch =
    (await deps.readAhead?.take(cursorKey, cursor, version)) ??
    (await collectBatch(deps, source, connector, cursor, heartbeat, limits));
  if (deps.readAhead && !batch.caughtUp && batch.deferredError === undefined) {
    deps.readAhead.start(cursorKey, batch.cursor, version, () =>
      collectBatch(deps, source, connector, batch.cursor, () => {}, limits),
    );
  }
  const { cursor: next, deferredError, ...result } = await storeBatch(batch);
  heartbeat({ stored: batch.size });
  await deps.store.saveCursor(cursorKey, next);
  if (deferredError !== undefined) {
    log.warn('stored the pages fetched before a failure; retrying from there', {
      sourceId: source.config.id,
      pages: result.pages,
    });
    throw deferredError;
  }
  return result;
}
