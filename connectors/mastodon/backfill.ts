/**
 * Backfill for `mastodon`: the API has no date filter, so each stream (hashtag timeline, brand search) is
 * walked newest first with `max_id`, keeping statuses in `[from, to)`, until a page holds nothing at or
 * after `from`. The walk does not start at "now": Mastodon status ids are snowflakes of the creation time
 * (`Mastodon::Snowflake.id_at`: milliseconds shifted left 16 bits, also for backdated remote statuses), so
 * the first request asks for `max_id = id_at(to)` and skips everything newer than the range.
 */
import type { PageResult } from '../../core/connector.js';
import { PaginationLoopError } from '../../core/errors.js';
import { safeCheck } from '../../platform/health.js';
import { type BackfillFactory, isoOf } from '../shared/backfill.js';
import { backfillStreams, nextPage, type StreamsCursor, type StreamStep } from '../shared/streams.js';
import { type MastodonStreamSpec, mastodonStreams, walkName } from './connector.js';
import type { MastodonOptions } from './options.js';
import { compareIds } from './parse.js';

/** One stream's progress: the `max_id` to request next, or done. */
export interface MastodonBackfillStream {
  maxId: string;
  /** `max_id`s already requested; a repeat raises `PaginationLoopError`. */
  seen: string[];
  done?: boolean;
}

/** Backfill cursor, keyed like the scheduled one (`tag:<tag>` / `search:<brand>:<query>`). */
export type MastodonBackfillCursor = StreamsCursor<MastodonBackfillStream>;

/** The smallest status id Mastodon can mint at `ms` (`Mastodon::Snowflake.id_at(t, with_random: false)`). */
export const snowflakeAt = (ms: number): string => (BigInt(Math.max(0, Math.floor(ms))) << 16n).toString();

/** Creates the backfill instance over `range` (epoch ms, `to` exclusive; checked by `asBackfill`). */
export const createMastodonBackfill: BackfillFactory<MastodonOptions, MastodonBackfillCursor> = (
  ctx,
  range,
) => {
  const { options, sourceId } = ctx;
  const { streamsOf, request, readPage } = mastodonStreams(ctx);
  const top = snowflakeAt(range.to);

  async function walkStream(
    stream: MastodonStreamSpec,
    state: MastodonBackfillStream,
  ): Promise<StreamStep<MastodonBackfillStream>> {
    const page = await readPage(stream, { max_id: state.maxId });
    // Statuses come by id, which late-federated posts can bend a little: stop only once a whole page
    // is older than the range.
    const pastFrom =
      page.records.length > 0 && page.records.every((s) => s.mention.published_at < range.from);
    const following = nextPage(page, pastFrom, { ...state, token: state.maxId }, walkName(stream, ctx));
    if (following && compareIds(following.token, state.maxId) >= 0)
      throw new PaginationLoopError(
        `Mastodon ${stream.what} on ${options.instanceUrl} pointed to max_id ${following.token}, not below ` +
          `${state.maxId}, while backfilling ${sourceId}; stopping instead of looping`,
        sourceId,
      );
    return {
      mentions: page.records.map((s) => s.mention),
      skippedInvalid: page.skippedInvalid,
      state: following ? { maxId: following.token, seen: following.seen } : { ...state, done: true },
    };
  }

  return {
    check: () =>
      safeCheck(async () => {
        const [first] = streamsOf();
        await request(first!, { limit: 1, max_id: top });
        return `${first!.what} readable on ${options.instanceUrl} before ${isoOf(range.to)}`;
      }),

    async fetchPage(cursor): Promise<PageResult<MastodonBackfillCursor>> {
      const start = (): MastodonBackfillStream => ({ maxId: top, seen: [top] });
      return backfillStreams(streamsOf(), cursor, range, start, walkStream);
    },
  };
};
