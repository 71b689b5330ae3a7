/**
 * Temporal activities: thin adapters that compose the libraries. `createActivities(deps)` is the one
 * factory the worker and tests use.
 */
import { activityInfo, heartbeat, log } from '@temporalio/activity';
import { ConnectorConfigError } from '../core/errors.js';
import { toActivityFailure } from './errors.js';
import {
  ingestBatch,
  resolveSource,
  scoreMention,
  scoredText,
  type ActivityDeps,
  type BatchResult,
} from './ingest-page.js';
import type {
  BackfillPageInput,
  BackfillPageResult,
  IngestPageInput,
  IngestPageResult,
  IngestRunRecord,
  RescoreBatchInput,
  RescoreBatchResult,
} from './types.js';

export type { ActivityDeps } from './ingest-page.js';

/** Cursor key of a backfill, kept apart from the schedule's cursor of the same source. */
export const backfillCursorKey = (input: { sourceId: string; from: number; to: number }): string =>
  `${input.sourceId}#backfill:${new Date(input.from).toISOString()}..${new Date(input.to).toISOString()}`;

/** Builds the activity functions bound to `deps`. */
export function createActivities(deps: ActivityDeps) {
  /**
   * Saves the cursor of a stored batch, then surfaces a page error that interrupted it (the pages
   * before it are kept, so a retry does not ask a rate-limited API for them again).
   */
  async function finishBatch(
    cursorKey: string,
    sourceId: string,
    batch: BatchResult,
  ): Promise<BackfillPageResult> {
    const { cursor, deferredError, ...result } = batch;
    await deps.store.saveCursor(cursorKey, cursor);
    if (deferredError !== undefined) {
      log.warn('stored the pages fetched before a failure; retrying from there', {
        sourceId,
        pages: result.pages,
      });
      throw deferredError;
    }
    return result;
  }

  return {
    /** Ingests the next pages of a source (one stored batch) and moves its cursor. */
    async ingestPage(input: IngestPageInput): Promise<IngestPageResult> {
      try {
        const source = resolveSource(deps, input.sourceId);
        const cursor = await deps.store.loadCursor(input.sourceId);
        const batch = await ingestBatch(deps, source, source.connector, cursor, heartbeat);
        const result = await finishBatch(input.sourceId, input.sourceId, batch);
        if (result.new + result.skippedInvalid > 0) {
          log.info('ingested pages', {
            sourceId: input.sourceId,
            attempt: activityInfo().attempt,
            ...result,
          });
        }
        return result;
      } catch (error) {
        throw toActivityFailure(error, input.sourceId);
      }
    },

    /** Ingests the next page of a backfill over `[from, to)` and moves the backfill's own cursor. */
    async backfillPage(input: BackfillPageInput): Promise<BackfillPageResult> {
      try {
        const source = resolveSource(deps, input.sourceId);
        if (!source.backfill) {
          throw new ConnectorConfigError(
            `Source type "${source.config.type}" cannot backfill: its API has no way to read history by date`,
            input.sourceId,
          );
        }
        const key = backfillCursorKey(input);
        const cursor = await deps.store.loadCursor(key);
        const connector = source.backfill({ from: input.from, to: input.to });
        return await finishBatch(
          key,
          input.sourceId,
          await ingestBatch(deps, source, connector, cursor, heartbeat),
        );
      } catch (error) {
        throw toActivityFailure(error, input.sourceId);
      }
    },

    /** Writes one `ingest_runs` row. */
    async recordIngestRun(run: IngestRunRecord): Promise<void> {
      await deps.store.recordIngestRun(run);
    },

    /** Counts stored mentions scored by another scorer version. */
    async countStaleMentions(scorerVersion: string): Promise<number> {
      return deps.store.countStaleMentions(scorerVersion);
    },

    /** Re-scores one batch of stale mentions with the current analyzer and stores them. */
    async rescoreBatch(input: RescoreBatchInput): Promise<RescoreBatchResult> {
      if (input.scorerVersion !== deps.analyzer.version) {
        throw toActivityFailure(
          new ConnectorConfigError(
            `This worker scores with version ${deps.analyzer.version}, not ${input.scorerVersion}; restart the rescoring`,
            'rescore',
          ),
          'rescore',
        );
      }
      const page = await deps.store.selectStaleMentions(input.scorerVersion, input.after, input.batchSize);
      heartbeat({ selected: page.mentions.length });
      const rescored = page.mentions.map((m) =>
        scoreMention(deps, m, scoredText(m), {
          brand: m.brand,
          sourceId: m.source_id,
          fetchedAt: m.fetched_at,
          storyId: m.story_id,
        }),
      );
      await deps.store.upsertMentions(rescored);
      return {
        rescored: rescored.length,
        next: page.mentions.length < input.batchSize ? undefined : page.last,
      };
    },
  };
}
