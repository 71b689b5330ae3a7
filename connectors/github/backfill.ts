/**
 * Backfill for `github`: per brand search and type, the issue search `created:<from>..<to>` newest first,
 * through `Link` pages; at the 1,000-result cap the walk continues in a narrower window ending at the
 * oldest result seen (the scheduled connector's `fetchStream`). GitHub ranges are inclusive to the second,
 * so the window ends at the last second before `to` and results are kept within `[from, to)`.
 */
import type { PageResult } from '../../core/connector.js';
import { safeCheck } from '../../platform/health.js';
import { type BackfillFactory, isoOf } from '../shared/backfill.js';
import { backfillStreams, firstStream, type StreamsCursor, type StreamStep } from '../shared/streams.js';
import { type GithubStreamSpec, type GithubWalk, githubStreams } from './connector.js';
import type { GithubOptions } from './options.js';
import { githubQuery, isoSeconds } from './query.js';

/** One stream's progress through the range: the walk in progress, or done. */
export interface GithubBackfillStream {
  walk?: GithubWalk;
  done?: boolean;
}

/** Backfill cursor, keyed like the scheduled one (`<brand>:<query>:<type>`). JSON-serializable. */
export type GithubBackfillCursor = StreamsCursor<GithubBackfillStream>;

/** Creates the backfill instance over `range` (epoch ms, `to` exclusive; checked by `asBackfill`). */
export const createGithubBackfill: BackfillFactory<GithubOptions, GithubBackfillCursor> = (ctx, range) => {
  const { options, sourceId } = ctx;
  const { streamsOf, search, fetchStream } = githubStreams(ctx);
  const floor = { at: range.from, ids: [] };
  const lastSecond = isoSeconds(range.to - 1);

  async function walkStream(
    s: GithubStreamSpec,
    state: GithubBackfillStream,
  ): Promise<StreamStep<GithubBackfillStream>> {
    const walk = state.walk ?? { page: 1, upper: lastSecond, seen: [], newest: floor };
    const step = await fetchStream(s, { watermark: floor, walk });
    return { ...step, state: step.state.walk ? { walk: step.state.walk } : { done: true } };
  }

  return {
    check: () =>
      safeCheck(async () => {
        const first = firstStream(streamsOf(), sourceId, 'brands to search for');
        const { body } = await search(
          githubQuery(first.q, first.type, options.qualifiers, range.from, lastSecond),
          1,
          1,
        );
        return `${body.totalCount ?? 'some'} result(s) between ${isoOf(range.from)} and ${isoOf(range.to)} for the first search`;
      }),

    async fetchPage(cursor): Promise<PageResult<GithubBackfillCursor>> {
      return backfillStreams(streamsOf(), cursor, range, () => ({}), walkStream);
    },
  };
};
