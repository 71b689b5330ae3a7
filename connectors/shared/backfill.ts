/**
 * Helpers shared by the connectors' `createBackfill` instances, which walk a `[from, to)` slice of a
 * source's history with their own cursor: range checks and the in-range filter every backfill page applies.
 * The page walk itself (repeated tokens, several streams) is in `streams.ts`.
 */
import type { Connector, ConnectorContext, TimeRange } from '../../core/connector.js';
import { ConnectorConfigError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';

/**
 * Checks a backfill range.
 * @throws ConnectorConfigError when `from`/`to` are not finite epoch ms or `from >= to`.
 */
export function checkRange(range: TimeRange, sourceId: string): TimeRange {
  const { from, to } = range;
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) {
    throw new ConnectorConfigError(
      `backfill range of ${sourceId} is empty or invalid (from ${String(from)}, to ${String(to)}); ` +
        'give --from a date before --to',
      sourceId,
    );
  }
  return range;
}

/** True when `at` (epoch ms) lies in `[from, to)`. */
export function inRange(range: TimeRange, at: number): boolean {
  return at >= range.from && at < range.to;
}

/** The mentions published in `[from, to)`, each native id once. */
export function keepInRange(mentions: readonly FetchedMention[], range: TimeRange): FetchedMention[] {
  const ids = new Set<string>();
  return mentions.filter((m) => {
    if (!inRange(range, m.published_at) || ids.has(m.native_id)) return false;
    ids.add(m.native_id);
    return true;
  });
}

/** ISO 8601 form of an epoch-ms instant, for messages and APIs that take dates. */
export const isoOf = (ms: number): string => new Date(ms).toISOString();

/** Builds the instance that walks `range` of one source's history, with a cursor of type `Cursor`. */
export type BackfillFactory<Options, Cursor> = (
  ctx: ConnectorContext<Options>,
  range: TimeRange,
) => Connector<Cursor>;

/**
 * Adapts a backfill factory to `ConnectorDefinition.createBackfill`, checking the range first (so no
 * factory can forget to). `createBackfill`'s type reuses the scheduled connector's cursor type; a backfill
 * walks history with a cursor of its own shape, which the activity stores under its own key
 * (`<source>#backfill:<from>..<to>`) and only ever hands back to the same backfill, so the two cursor types
 * never meet. This is the one place that widens the type.
 * @throws ConnectorConfigError from `checkRange` when the range is empty or invalid.
 */
export function asBackfill<Options, Cursor, BackfillCursor>(
  create: BackfillFactory<Options, BackfillCursor>,
): BackfillFactory<Options, Cursor> {
  return (ctx, range) => create(ctx, checkRange(range, ctx.sourceId)) as unknown as Connector<Cursor>;
}
