/**
 * Backfill for `github`: per brand search and type, the issue search `created:<from>..<to>` newest first,
 * through `Link` pages; at the 1,000-result cap the walk continues in a narrower window ending at the
 * oldest result seen (the scheduled connector's `fetchStream`). GitHub ranges are inclusive to the second,
 * so the window ends at the last second before `to` and results are kept within `[from, to)`.
 */
import type { Connector, ConnectorContext, PageResult, TimeRange } from '../../core/connector.js';
import type { FetchedMention } from '../../core/mention.js';
import { checkRange, isoOf, keepInRange } from '../shared/backfill.js';
import { safeCheck } from '../../platform/health.js';
import { type GithubWalk, githubStreams } from './connector.js';
import type { GithubOptions } from './options.js';
import { githubQuery, isoSeconds } from './query.js';

/** One stream's progress through the range: the walk in progress, or done. */
export interface GithubBackfillStream {
  walk?: GithubWalk;
  done?: boolean;
}

/** Backfill cursor, keyed like the scheduled one (`<brand>:<query>:<type>`). JSON-serializable. */
export interface GithubBackfillCursor {
  streams: Record<string, GithubBackfillStream>;
}

/** Creates the backfill instance over `range` (epoch ms, `to` exclusive). */
export function createGithubBackfill(
  ctx: ConnectorContext<GithubOptions>,
  range: TimeRange,
): Connector<GithubBackfillCursor> {
  const { options, sourceId } = ctx;
  checkRange(range, sourceId);
  const { streamsOf, search, fetchStream } = githubStreams(ctx);
  const floor = { at: range.from, ids: [] };
  const lastSecond = isoSeconds(range.to - 1);

  return {
    check: () =>
      safeCheck(async () => {
        const [first] = streamsOf();
        if (!first) throw new Error(`source ${sourceId} has no brands to search for`);
        const { body } = await search(
          githubQuery(first.q, first.type, options.qualifiers, range.from, lastSecond),
          1,
          1,
        );
        return `${body.totalCount ?? 'some'} result(s) between ${isoOf(range.from)} and ${isoOf(range.to)} for the first search`;
      }),

    async fetchPage(cursor): Promise<PageResult<GithubBackfillCursor>> {
      const streams: Record<string, GithubBackfillStream> = { ...cursor?.streams };
      const mentions: FetchedMention[] = [];
      let skippedInvalid = 0;
      const list = streamsOf();
      for (const s of list) {
        const state = streams[s.key] ?? {};
        if (state.done) continue;
        const walk = state.walk ?? { page: 1, upper: lastSecond, seen: [], newest: floor };
        const result = await fetchStream(s, { watermark: floor, walk });
        mentions.push(...result.mentions);
        skippedInvalid += result.skipped;
        streams[s.key] = result.stream.walk ? { walk: result.stream.walk } : { done: true };
      }
      return {
        mentions: keepInRange(mentions, range),
        cursor: { streams },
        caughtUp: list.every((s) => streams[s.key]?.done === true),
        skippedInvalid,
      };
    },
  };
}
