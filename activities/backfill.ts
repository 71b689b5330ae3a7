/** Backfill activities: pages of a source's history over a date range, under the backfill's own cursor. */
import { ConnectorConfigError } from '../core/errors.js';
import { toActivityFailure } from './errors.js';
import { ingestFromCursor, resolveSource, type BatchDeps, type SourceDeps } from './ingest-page.js';
import type { CursorStore, MentionWriter } from './ports.js';
import type { BackfillPageInput, BackfillPageResult } from './types.js';

/** What backfill needs: scheduled ingest's batch, without the run records. */
export interface BackfillDeps extends BatchDeps, SourceDeps {
  store: CursorStore & MentionWriter;
}

/** Cursor key of a backfill, kept apart from the schedule's cursor of the same source. */
export const backfillCursorKey = (input: { sourceId: string; from: number; to: number }): string =>
  `${input.sourceId}#backfill:${new Date(input.from).toISOString()}..${new Date(input.to).toISOString()}`;

/** Builds the backfill activities bound to `deps`. */
export function createBackfillActivities(deps: BackfillDeps) {
  return {
    /** Ingests the next pages of a backfill over `[from, to)` and moves the backfill's own cursor. */
    async backfillPage(input: BackfillPageInput): Promise<BackfillPageResult> {
      try {
        const source = resolveSource(deps, input.sourceId);
        if (!source.backfill) {
          throw new ConnectorConfigError(
            `Source type "${source.config.type}" cannot backfill: its API has no way to read history by date`,
            input.sourceId,
          );
        }
        const connector = source.backfill({ from: input.from, to: input.to });
        return await ingestFromCursor(deps, source, connector, backfillCursorKey(input));
      } catch (error) {
        throw toActivityFailure(error, input.sourceId);
      }
    },
  };
}

/** The backfill activities, as the backfill workflow proxies them. */
export type BackfillActivities = ReturnType<typeof createBackfillActivities>;
