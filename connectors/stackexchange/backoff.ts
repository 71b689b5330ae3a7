/**
 * Stack Exchange's `backoff` rule, shared by the scheduled poll and the backfill: once a response carries
 * `backoff: N`, no request to that method may be sent for N seconds. Within a page, the streams not read yet
 * wait (their state is kept as it is); the cursor remembers until when (`backoffUntil`) and which streams
 * wait (`deferred`), and the next page refuses to start early with `RateLimitedError` for exactly the rest
 * of the wait. Connectors never sleep: the worker retries after `retryAfterMs`.
 */
import type { PageResult } from '../../core/connector.js';
import { RateLimitedError } from '../../core/errors.js';
import type { StreamsCursor, StreamsPage, StreamStep } from '../shared/streams.js';

/** What a cursor keeps about a backoff in progress. */
export interface BackoffState {
  /** Epoch ms before which no request may be sent (the last `backoff` the API asked for). */
  backoffUntil?: number;
  /** Streams a backoff kept from reading their page; the next page reads them (and walks in progress) only. */
  deferred?: string[];
}

/** Lets a page's stream reader respect the backoff. */
export interface BackoffGate<State> {
  /** Reads `key` with `fetch`, unless a backoff (this page's, or a previous page's deferral) says to wait. */
  read(key: string, state: State, fetch: () => Promise<StreamStep<State>>): Promise<StreamStep<State>>;
  /** Records the `backoff` field of a response (seconds), if any. */
  note(backoffSeconds: number | undefined): void;
}

/**
 * Runs one connector page under the backoff rule. `walking(state)` says whether a stream is in the middle of
 * a walk (it may go on after a deferral; a stream that is not waits its turn).
 * @throws RateLimitedError when the cursor's backoff has not run out yet.
 */
export async function pageUnderBackoff<State>(
  cursor: (StreamsCursor<State> & BackoffState) | null,
  options: { now: () => number; sourceId: string; method: string; walking: (state: State) => boolean },
  run: (gate: BackoffGate<State>) => Promise<StreamsPage<State>>,
): Promise<PageResult<StreamsCursor<State> & BackoffState>> {
  const { now, sourceId, method } = options;
  const blockedUntil = cursor?.backoffUntil ?? 0;
  const start = now();
  if (start < blockedUntil)
    throw new RateLimitedError(
      `Stack Exchange asked ${sourceId} to back off ${method}; the next request may go in ` +
        `${Math.ceil((blockedUntil - start) / 1000)} s`,
      sourceId,
      blockedUntil - start,
    );
  let backoffUntil: number | undefined;
  const waiting = new Set(cursor?.deferred ?? []);
  const read = new Set<string>();
  const deferred: string[] = [];
  const page = await run({
    async read(key, state, fetch) {
      const unchanged = { mentions: [], skippedInvalid: 0, state };
      if (backoffUntil !== undefined) {
        deferred.push(key);
        return unchanged;
      }
      // After a backoff only the streams it kept waiting (and walks in progress) finish the round.
      if (waiting.size > 0 && !waiting.has(key) && !options.walking(state)) return unchanged;
      read.add(key);
      return fetch();
    },
    note(seconds) {
      if (seconds !== undefined && seconds > 0) backoffUntil = now() + seconds * 1000;
    },
  });
  // Kept waiting: deferred now, or deferred before and not reached on this page (another stream walked).
  for (const key of waiting) if (!read.has(key) && !deferred.includes(key)) deferred.push(key);
  return {
    ...page,
    cursor: {
      ...page.cursor,
      ...(backoffUntil === undefined ? {} : { backoffUntil }),
      ...(deferred.length === 0 ? {} : { deferred }),
    },
    caughtUp: page.caughtUp && deferred.length === 0,
  };
}
