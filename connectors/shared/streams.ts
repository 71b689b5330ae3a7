/**
 * The page walk the listing connectors share. A source reads one or more streams (a brand search, a
 * hashtag, a video's comments…), each a newest-first list read page by page through a page token, with a
 * state of its own in the cursor (`{ streams: { [key]: state } }`). The pieces:
 *
 * - `nextPage` / `walkToMark` (page-walk.ts, re-exported here): one stream's walk, refusing a repeated token;
 * - `walkStream`: that walk from and to the state a connector stores (`StreamCodec`, shapes kept as before);
 * - `pollStreams` / `pollWalks`: one connector page over every stream of a scheduled poll (rounds);
 * - `backfillStreams`: one connector page of a backfill over `[from, to)` (each stream walks until done).
 */
import { durationMs } from '../../core/config/index.js';
import type { PageResult, TimeRange } from '../../core/connector.js';
import type { FetchedMention } from '../../core/mention.js';
import { keepInRange } from './backfill.js';
import {
  type MarkOrder,
  type MarkWalk,
  type StreamPage,
  type TokenWalk,
  walkToMark,
  type WalkName,
} from './page-walk.js';
import type { Watermark } from './watermark.js';

export * from './page-walk.js';

/**
 * The state of a watermark stream new to the cursor: a watermark `lookback` (a duration such as `7d`)
 * before `now`, how far back the first poll reaches.
 */
export function fromLookback(now: number, lookback: string): () => { watermark: Watermark } {
  const at = now - durationMs(lookback);
  return () => ({ watermark: { at, ids: [] } });
}

/**
 * The first of a source's streams, for a `check()` that makes one cheap call.
 * @throws Error saying the source has no `what` (e.g. "brands to search for"), which `safeCheck` reports.
 */
export function firstStream<Spec>(specs: readonly Spec[], sourceId: string, what: string): Spec {
  const [first] = specs;
  if (first === undefined) throw new Error(`source ${sourceId} has no ${what}`);
  return first;
}

/**
 * How a connector stores a stream's mark and walk in its cursor. The stored shapes predate this helper and
 * are kept, so cursors persisted by earlier versions keep working.
 */
export interface StreamCodec<State, Mark> {
  read(state: State): { mark: Mark; walk?: TokenWalk & { newest?: Mark } };
  write(mark: Mark, walk: MarkWalk<Mark> | undefined): State;
}

/** A stream stored as `{ watermark, walk?: { <token field>: token, seen, newest } }`. */
export type WatermarkStream<TokenField extends string> = {
  watermark: Watermark;
  walk?: { [K in TokenField]: string } & { seen: string[]; newest: Watermark };
};

/** A cursor of watermark streams (`{ streams: { [key]: WatermarkStream<TokenField> } }`). */
export type WatermarkCursor<TokenField extends string> = StreamsCursor<WatermarkStream<TokenField>>;

/** The codec of `WatermarkStream<TokenField>` (Bluesky keeps its token as `cursor`, YouTube as `pageToken`). */
export function watermarkCodec<F extends string>(tokenField: F): StreamCodec<WatermarkStream<F>, Watermark> {
  return {
    read: ({ watermark, walk }) => ({ mark: watermark, walk: walk && { ...walk, token: walk[tokenField] } }),
    write: (watermark, walk) =>
      walk
        ? {
            watermark,
            walk: {
              ...({ [tokenField]: walk.token } as { [K in F]: string }),
              seen: walk.seen,
              newest: walk.newest,
            },
          }
        : { watermark },
  };
}

/** `walkToMark` from and to a stream's stored state: what the stream adds to the page and its next state. */
export function walkStream<State, Mark, R>(
  page: StreamPage<R>,
  state: State,
  codec: StreamCodec<State, Mark>,
  order: MarkOrder<Mark, R>,
  name: WalkName,
): StreamStep<State> {
  const { mark, walk } = codec.read(state);
  const step = walkToMark(page, mark, walk, order, name);
  return {
    mentions: step.fresh.map(order.mention),
    skippedInvalid: page.skippedInvalid,
    state: codec.write(step.mark, step.walk),
  };
}

/** A cursor holding one state per stream, by stream key. JSON-serializable when the states are. */
export interface StreamsCursor<State> {
  streams: Record<string, State>;
}

/** What one stream added to a connector page, and the state to store for it. */
export interface StreamStep<State> {
  mentions: FetchedMention[];
  skippedInvalid: number;
  state: State;
}

/** A connector page over several streams: the mentions (each native id once) and every stream's state. */
export type StreamsPage<State> = PageResult<StreamsCursor<State>>;

/** Reads one page of one stream from its state. */
export type StreamReader<Spec, State> = (spec: Spec, state: State) => Promise<StreamStep<State>>;

/**
 * One page of a scheduled poll over several streams (keyed by `spec.key`; `stored` is the cursor,
 * `start()` the state of a stream it does not know yet). A poll is a round in which every stream walks
 * down to its mark; while one of them is still walking, only the walking ones move, so each round ends
 * before the next begins. Caught up when no stream is walking.
 */
export async function pollStreams<Spec extends { key: string }, State extends { walk?: unknown }>(
  specs: readonly Spec[],
  stored: StreamsCursor<State> | null,
  start: () => State,
  read: StreamReader<Spec, State>,
): Promise<StreamsPage<State>> {
  const states = statesOf(specs, stored, start);
  const walking = Object.values(states).some((s) => s.walk !== undefined);
  const page = await readStreams(specs, states, (s) => !walking || s.walk !== undefined, read);
  const caughtUp = Object.values(states).every((s) => s.walk === undefined);
  return { ...page, cursor: { streams: states }, caughtUp };
}

/** How `pollWalks` reads and walks the streams of a source. */
export interface StreamWalker<Spec, State, Mark, R> {
  /** How the source stores a stream's mark and walk. */
  codec: StreamCodec<State, Mark>;
  order: MarkOrder<Mark, R>;
  /** The state of a stream the cursor does not know yet. */
  start: () => NoInfer<State>;
  /** Reads the page `state` points at; undefined skips the stream this poll (its walk starts over). */
  read(spec: Spec, state: NoInfer<State>): Promise<StreamPage<R> | undefined>;
  name(spec: Spec): WalkName;
}

/** `pollStreams` where every stream reads a page and walks it to its mark with `walkStream`. */
export function pollWalks<Spec extends { key: string }, State extends { walk?: unknown }, Mark, R>(
  specs: readonly Spec[],
  stored: StreamsCursor<NoInfer<State>> | null,
  walker: StreamWalker<Spec, State, Mark, R>,
): Promise<StreamsPage<State>> {
  const { codec, order } = walker;
  return pollStreams(specs, stored, walker.start, async (spec, state) => {
    const page = await walker.read(spec, state);
    if (!page)
      return { mentions: [], skippedInvalid: 0, state: codec.write(codec.read(state).mark, undefined) };
    return walkStream(page, state, codec, order, walker.name(spec));
  });
}

/**
 * One page of a backfill over several streams: every stream not `done` reads its next page; only mentions
 * in `[from, to)` are kept. Caught up when every stream is done.
 */
export async function backfillStreams<Spec extends { key: string }, State extends { done?: boolean }>(
  specs: readonly Spec[],
  stored: StreamsCursor<State> | null,
  range: TimeRange,
  start: () => State,
  read: StreamReader<Spec, State>,
): Promise<StreamsPage<State>> {
  const states = statesOf(specs, stored, start);
  const page = await readStreams(specs, states, (s) => s.done !== true, read);
  return {
    mentions: keepInRange(page.mentions, range),
    cursor: { streams: states },
    caughtUp: Object.values(states).every((s) => s.done === true),
    skippedInvalid: page.skippedInvalid,
  };
}

function statesOf<State>(
  specs: readonly { key: string }[],
  stored: StreamsCursor<State> | null,
  start: () => State,
): Record<string, State> {
  return Object.fromEntries(specs.map(({ key }) => [key, stored?.streams[key] ?? start()]));
}

async function readStreams<Spec extends { key: string }, State>(
  specs: readonly Spec[],
  states: Record<string, State>,
  moves: (state: State) => boolean,
  read: StreamReader<Spec, State>,
): Promise<{ mentions: FetchedMention[]; skippedInvalid: number }> {
  const mentions: FetchedMention[] = [];
  const delivered = new Set<string>();
  let skippedInvalid = 0;
  for (const spec of specs) {
    const state = states[spec.key] as State;
    if (!moves(state)) continue;
    const step = await read(spec, state);
    states[spec.key] = step.state;
    skippedInvalid += step.skippedInvalid;
    // Two streams can find the same record (a post on two followed tags): deliver it once per page.
    for (const m of step.mentions)
      if (!delivered.has(m.native_id)) {
        delivered.add(m.native_id);
        mentions.push(m);
      }
  }
  return { mentions, skippedInvalid };
}
