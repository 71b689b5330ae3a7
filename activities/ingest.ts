/** Scheduled ingest activities: the next pages of a source, and the `ingest_runs` row of a poll. */
import { activityInfo, log } from '@temporalio/activity';
import { toActivityFailure } from './errors.js';
import { ingestFromCursor, resolveSource, type BatchDeps, type SourceDeps } from './ingest-page.js';
import type { CursorStore, MentionWriter, RunRecorder } from './ports.js';
import type { IngestPageInput, IngestPageResult, IngestRunRecord } from './types.js';

/** What scheduled ingest needs. */
export interface IngestDeps extends BatchDeps, SourceDeps {
  store: CursorStore & MentionWriter & RunRecorder;
}

/** Builds the scheduled-ingest activities bound to `deps`. */
export function createIngestActivities(deps: IngestDeps) {
  return {
    /** Ingests the next pages of a source (one stored batch) and moves its cursor. */
    async ingestPage(input: IngestPageInput): Promise<IngestPageResult> {
      try {
        const source = resolveSource(deps, input.sourceId);
        const result = await ingestFromCursor(deps, source, source.connector, input.sourceId);
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

    /** Writes one `ingest_runs` row. */
    async recordIngestRun(run: IngestRunRecord): Promise<void> {
      await deps.store.recordIngestRun(run);
    },
  };
}

/** The scheduled-ingest activities, as the ingest workflow proxies them. */
export type IngestActivities = ReturnType<typeof createIngestActivities>;
