/** Rescoring activities: count and re-score stored mentions scored by another scorer version. */
import { heartbeat } from '@temporalio/activity';
import { ConnectorConfigError } from '../core/errors.js';
import type { Mention } from '../core/mention.js';
import { toActivityFailure } from './errors.js';
import type { StaleMentionRewriter } from './ports.js';
import { scoreMention, scoredText, type ScoringDeps } from './score.js';
import type { RescoreBatchInput, RescoreBatchResult } from './types.js';

/** What rescoring needs: the current analyzer, and a store to read stale mentions from and write back to. */
export interface RescoreDeps extends ScoringDeps {
  store: StaleMentionRewriter;
}

/** Builds the rescoring activities bound to `deps`. */
export function createRescoreActivities(deps: RescoreDeps) {
  return {
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
      const rescore = (mentions: Mention[]): Mention[] =>
        mentions.map((m) =>
          scoreMention(deps, m, scoredText(m), {
            brand: m.brand,
            sourceId: m.source_id,
            fetchedAt: m.fetched_at,
            storyId: m.story_id,
            fromBrand: m.from_brand,
          }),
        );
      const { selected, last, done } = await deps.store.rescoreStaleMentions(
        { scorerVersion: input.scorerVersion, after: input.after, limit: input.batchSize },
        rescore,
        (done) => heartbeat({ selected: done }),
      );
      return { rescored: selected, next: done ? undefined : last };
    },
  };
}

/** The rescoring activities, as the rescore workflow proxies them. */
export type RescoreActivities = ReturnType<typeof createRescoreActivities>;
