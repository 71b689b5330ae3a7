/**
 * Backfill for `youtube`: `commentThreads.list` has no date filter, so each video / the channel is walked
 * newest first (`order=time`) through `nextPageToken`, keeping threads in `[from, to)`, until a page
 * reaches a thread older than `from` or the list ends. Every page costs 1 quota unit, including the pages
 * newer than `to` that the walk has to cross first.
 */
import type { Connector, ConnectorContext, PageResult, TimeRange } from '../../core/connector.js';
import type { FetchedMention } from '../../core/mention.js';
import { checkRange, keepInRange, rememberToken } from '../shared/backfill.js';
import { safeCheck } from '../../platform/health.js';
import { youtubeTargets } from './connector.js';
import type { YoutubeOptions } from './options.js';
import { normalizeThreads } from './parse.js';

/** One target's progress: the page token to request next (absent at the first page), or done. */
export interface YoutubeBackfillStream {
  pageToken?: string;
  /** Page tokens already requested; a repeat raises `PaginationLoopError`. */
  seen: string[];
  done?: boolean;
}

/** Backfill cursor, keyed like the scheduled one (`video:<id>` / `channel:<id>`). JSON-serializable. */
export interface YoutubeBackfillCursor {
  streams: Record<string, YoutubeBackfillStream>;
}

/** Creates the backfill instance over `range` (epoch ms, `to` exclusive). */
export function createYoutubeBackfill(
  ctx: ConnectorContext<YoutubeOptions>,
  range: TimeRange,
): Connector<YoutubeBackfillCursor> {
  const { options, sourceId } = ctx;
  checkRange(range, sourceId);
  const { targets, list } = youtubeTargets(ctx);

  return {
    check: () =>
      safeCheck(async () => {
        const [first] = targets;
        if (!first) throw new Error(`source ${sourceId} has no videoIds or channelId`);
        const result = await list(first, 1);
        if ('error' in result) throw result.error;
        return 'skip' in result ? result.skip : 'API key accepted';
      }),

    async fetchPage(cursor): Promise<PageResult<YoutubeBackfillCursor>> {
      const streams: Record<string, YoutubeBackfillStream> = { ...cursor?.streams };
      const mentions: FetchedMention[] = [];
      let skippedInvalid = 0;
      for (const target of targets) {
        const state = streams[target.key] ?? { seen: [] };
        if (state.done) continue;
        const result = await list(target, options.pageSize, state.pageToken);
        if ('error' in result) throw result.error;
        if ('skip' in result) {
          ctx.logger.warn(
            { source: sourceId, target: target.what },
            `YouTube: ${result.skip}; nothing to backfill there`,
          );
          streams[target.key] = { ...state, done: true };
          continue;
        }
        const page = normalizeThreads(result.body.items, sourceId);
        skippedInvalid += page.skippedInvalid;
        mentions.push(...page.mentions);
        const next = result.body.nextPageToken;
        const pastFrom = page.mentions.some((m) => m.published_at < range.from);
        streams[target.key] =
          !next || result.body.items.length === 0 || pastFrom
            ? { ...state, done: true }
            : {
                pageToken: next,
                seen: rememberToken(state.seen, next, `YouTube commentThreads (${target.what})`, sourceId),
              };
      }
      return {
        mentions: keepInRange(mentions, range),
        cursor: { streams },
        caughtUp: targets.every((t) => streams[t.key]?.done === true),
        skippedInvalid,
      };
    },
  };
}
