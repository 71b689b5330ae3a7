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
import type { CursorStore, MentionWriter, ResolvedSource, StoryAssigner } from './ports.js';
import { scoreMention, scoredText, type ScoringDeps } from './score.js';
import type { BackfillPageResult, IngestPageResult } from './types.js';

/** What fetching, scoring and storing a batch of pages needs. */
export interface BatchDeps extends ScoringDeps {
  store: MentionWriter;
  stories: StoryAssigner;
  now: () => number;
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
    const brands =
      record.attributed_brand === undefined
        ? // The brand's own posts (its replies) belong to it even without its name in them.
          source.brands.filter((b) => b.ownsAuthor?.(record.author) || b.matches(haystack))
        : source.brands.filter((b) => b.key === record.attributed_brand);
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

/** Result of `ingestBatch`: counts, the cursor after the last stored page, and the span covered. */
export interface BatchResult extends IngestPageResult {
  cursor: unknown;
  oldest?: number;
  newest?: number;
  /** A page failed after earlier pages were fetched: those were stored; rethrow once the cursor is saved. */
  deferredError?: unknown;
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
  /** Liveness signal between steps (the activity passes Temporal's `heartbeat`). */
  progress: (details: object) => void = () => {},
  limits = BATCH_LIMITS,
): Promise<BatchResult> {
  const started = deps.now();
  const mentions: Mention[] = [];
  const counts = { pages: 0, fetched: 0, skippedInvalid: 0, unmatched: 0 };
  let next = cursor;
  let caughtUp = false;
  let deferredError: unknown;
  let oldest = Infinity;
  let newest = -Infinity;
  do {
    let page;
    try {
      page = await connector.fetchPage(next ?? null);
    } catch (error) {
      if (counts.pages === 0) throw error;
      deferredError = error;
      break;
    }
    counts.pages++;
    counts.fetched += page.mentions.length;
    counts.skippedInvalid += page.skippedInvalid;
    const converted = toMentions(deps, source, page.mentions);
    for (const m of converted.mentions) mentions.push(m);
    counts.unmatched += converted.unmatched;
    for (const m of page.mentions) {
      oldest = Math.min(oldest, m.published_at);
      newest = Math.max(newest, m.published_at);
    }
    next = page.cursor;
    caughtUp = page.caughtUp;
    progress({ pages: counts.pages, fetched: counts.fetched });
  } while (
    !caughtUp &&
    mentions.length < limits.mentions &&
    counts.pages < limits.pages &&
    deps.now() - started < limits.millis
  );
  const { invalid, inserted, updated, unchanged } = await deps.store.upsertMentions(mentions);
  progress({ stored: mentions.length });
  return {
    ...counts,
    skippedInvalid: counts.skippedInvalid + invalid,
    new: inserted,
    updated,
    unchanged,
    caughtUp,
    cursor: next,
    ...(oldest <= newest ? { oldest, newest } : {}),
    ...(deferredError === undefined ? {} : { deferredError }),
  };
}

/**
 * The activity step shared by scheduled ingest and backfill: loads the cursor kept under `cursorKey`,
 * ingests one batch through `connector` from there (heartbeating per page), saves the cursor once the
 * batch is stored, then surfaces a page error that interrupted the batch (the pages before it are kept,
 * so a retry does not ask a rate-limited API for them again).
 */
export async function ingestFromCursor(
  deps: BatchDeps & { store: CursorStore },
  source: ResolvedSource,
  connector: Connector,
  cursorKey: string,
): Promise<BackfillPageResult> {
  const batch = await ingestBatch(deps, source, connector, await deps.store.loadCursor(cursorKey), heartbeat);
  const { cursor, deferredError, ...result } = batch;
  await deps.store.saveCursor(cursorKey, cursor);
  if (deferredError !== undefined) {
    log.warn('stored the pages fetched before a failure; retrying from there', {
      sourceId: source.config.id,
      pages: result.pages,
    });
    throw deferredError;
  }
  return result;
}
