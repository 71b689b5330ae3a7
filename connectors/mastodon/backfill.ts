/**
 * Backfill for `mastodon`: the API has no date filter, so each stream (hashtag timeline, brand search) is
 * walked newest first with `max_id`, keeping statuses in `[from, to)`, until a page holds nothing at or
 * after `from`. The walk does not start at "now": Mastodon status ids are snowflakes of the creation time
 * (`Mastodon::Snowflake.id_at`: milliseconds shifted left 16 bits, also for backdated remote statuses), so
 * the first request asks for `max_id = id_at(to)` and skips everything newer than the range.
 */
import type { Connector, ConnectorContext, PageResult, TimeRange } from '../../core/connector.js';
import { PaginationLoopError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { checkRange, isoOf, keepInRange, rememberToken } from '../shared/backfill.js';
import { safeCheck } from '../../platform/health.js';
import { mastodonStreams } from './connector.js';
import type { MastodonOptions } from './options.js';
import { compareIds, normalizeStatuses } from './parse.js';

/** One stream's progress: the `max_id` to request next, or done. */
export interface MastodonBackfillStream {
  maxId: string;
  /** `max_id`s already requested; a repeat raises `PaginationLoopError`. */
  seen: string[];
  done?: boolean;
}

/** Backfill cursor, keyed like the scheduled one (`tag:<tag>` / `search:<brand>:<query>`). */
export interface MastodonBackfillCursor {
  streams: Record<string, MastodonBackfillStream>;
}

/** The smallest status id Mastodon can mint at `ms` (`Mastodon::Snowflake.id_at(t, with_random: false)`). */
export const snowflakeAt = (ms: number): string => (BigInt(Math.max(0, Math.floor(ms))) << 16n).toString();

/** Creates the backfill instance over `range` (epoch ms, `to` exclusive). */
export function createMastodonBackfill(
  ctx: ConnectorContext<MastodonOptions>,
  range: TimeRange,
): Connector<MastodonBackfillCursor> {
  const { options, sourceId } = ctx;
  checkRange(range, sourceId);
  const { streamsOf, request, nextMaxId } = mastodonStreams(ctx);
  const start: MastodonBackfillStream = { maxId: snowflakeAt(range.to), seen: [] };

  return {
    check: () =>
      safeCheck(async () => {
        const [first] = streamsOf();
        await request(first!, { limit: 1, max_id: start.maxId });
        return `${first!.what} readable on ${options.instanceUrl} before ${isoOf(range.to)}`;
      }),

    async fetchPage(cursor): Promise<PageResult<MastodonBackfillCursor>> {
      const list = streamsOf();
      const streams: Record<string, MastodonBackfillStream> = { ...cursor?.streams };
      const mentions: FetchedMention[] = [];
      let skippedInvalid = 0;
      for (const stream of list) {
        const state = streams[stream.key] ?? { ...start, seen: [start.maxId] };
        if (state.done) continue;
        const { statuses, next } = await request(stream, { limit: options.pageSize, max_id: state.maxId });
        const { statuses: normalized, skipped } = normalizeStatuses(statuses, sourceId);
        skippedInvalid += skipped;
        mentions.push(...normalized.map((s) => s.mention));
        const oldestId = normalized.reduce<string | undefined>(
          (min, s) => (min === undefined || compareIds(s.id, min) < 0 ? s.id : min),
          undefined,
        );
        const following = nextMaxId(stream, statuses.length, next, oldestId);
        // Statuses come by id, which late-federated posts can bend a little: stop only once a whole page
        // is older than the range.
        const pastFrom =
          normalized.length > 0 && normalized.every((s) => s.mention.published_at < range.from);
        if (!following || statuses.length === 0 || pastFrom) {
          streams[stream.key] = { ...state, done: true };
          continue;
        }
        if (compareIds(following, state.maxId) >= 0)
          throw new PaginationLoopError(
            `Mastodon ${stream.what} on ${options.instanceUrl} pointed to max_id ${following}, not below ` +
              `${state.maxId}, while backfilling ${sourceId}; stopping instead of looping`,
            sourceId,
          );
        const seen = rememberToken(state.seen, following, `Mastodon ${stream.what}`, sourceId);
        streams[stream.key] = { maxId: following, seen };
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
