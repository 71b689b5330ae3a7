/** Rescoring activities: count and re-score stored mentions scored by another scorer version. */
import { heartbeat } from '@temporalio/activity';
import { ConnectorConfigError } from '../core/errors.js';
import type { Mention } from '../core/mention.js';
import { toActivityFailure } from './errors.js';
import type { MentionWriter, StaleMentionReader } from './ports.js';
import { scoreMention, scoredText, type ScoringDeps } from './score.js';
import type { RescoreBatchInput, RescoreBatchResult } from './types.js';

/** What rescoring needs: the current analyzer, and a store to read stale mentions from and write back to. */
export interface RescoreDeps extends ScoringDeps {
  store: StaleMentionReader &
    MentionWriter & {
      /** The mentions with each one's user correction in force applied (storage/corrections.ts). */
      applyStoredCorrections?(mentions: readonly Mention[]): Promise<Mention[]>;
    };
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
      const page = await deps.store.selectStaleMentions(input.scorerVersion, input.after, input.batchSize);
      heartbeat({ selected: page.mentions.length });
      const rescored = page.mentions.map((m) =>
        scoreMention(deps, m, scoredText(m), {
          brand: m.brand,
          sourceId: m.source_id,
          fetchedAt: m.fetched_at,
          storyId: m.story_id,
          fromBrand: m.from_brand,
        }),
      );
      // A user's correction outlives any scorer version.
      const corrected = deps.store.applyStoredCorrections
        ? await deps.store.applyStoredCorrections(rescored)
        : rescored;
      await deps.store.upsertMentions(corrected);
      return {
        rescored: rescored.length,
        next: page.mentions.length < input.batchSize ? undefined : page.last,
      };
    },
  };
}

/** The rescoring activities, as the rescore workflow proxies them. */
export type RescoreActivities = ReturnType<typeof createRescoreActivities>;
