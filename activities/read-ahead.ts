/**
 * Read-ahead of ingest batches on one worker: while an activity stores batch n, batch n+1 is fetched and
 * scored in the background, and the next activity of the same cursor takes it instead of fetching again.
 * It only holds batches in memory; storing and saving cursors stay inside activities. A batch is used only
 * when the next activity starts from exactly the cursor it was read from (same stored cursor, same scorer
 * version); anything else (the next activity ran on another worker, the cursor was reset, the analyzer was
 * re-taught) discards it, and an unclaimed batch is dropped after `ttlMs` so a stopped ingest frees its
 * memory. The cost of a discarded batch is its API requests, made once more by the activity.
 */
import type { CollectedBatch } from './ingest-page.js';

interface Ahead {
  /** The cursor it was read from, as JSON (cursors are stored as JSON too). */
  from: string;
  scorerVersion: string;
  batch: Promise<CollectedBatch>;
  timer: NodeJS.Timeout;
}

/** Batches read ahead, by cursor key. */
export class ReadAhead {
  private readonly ahead = new Map<string, Ahead>();

  constructor(private readonly ttlMs = 120_000) {}

  /** Starts reading the batch after `cursor` for `cursorKey`, replacing any batch read ahead before. */
  start(
    cursorKey: string,
    cursor: unknown,
    scorerVersion: string,
    read: () => Promise<CollectedBatch>,
  ): void {
    this.drop(cursorKey);
    const batch = read();
    // Claimed (and then awaited) by the next activity, or never: a failure must not be an unhandled rejection.
    batch.catch(() => {});
    const timer = setTimeout(() => this.drop(cursorKey), this.ttlMs);
    timer.unref();
    this.ahead.set(cursorKey, { from: JSON.stringify(cursor ?? null), scorerVersion, batch, timer });
  }

  /**
   * The batch read ahead from `cursor` with `scorerVersion` (removed from the read-ahead), or undefined. A
   * read that failed is undefined too: the activity then reads the batch itself, and its failure is
   * reported the usual way.
   */
  async take(cursorKey: string, cursor: unknown, scorerVersion: string): Promise<CollectedBatch | undefined> {
    const ahead = this.ahead.get(cursorKey);
    if (!ahead) return undefined;
    this.drop(cursorKey);
    if (ahead.from !== JSON.stringify(cursor ?? null) || ahead.scorerVersion !== scorerVersion)
      return undefined;
    try {
      return await ahead.batch;
    } catch {
      return undefined;
    }
  }

  /** How many batches are held (for tests and health). */
  get size(): number {
    return this.ahead.size;
  }

  private drop(cursorKey: string): void {
    const ahead = this.ahead.get(cursorKey);
    if (!ahead) return;
    clearTimeout(ahead.timer);
    this.ahead.delete(cursorKey);
  }
}
