/** A counting semaphore with a bounded queue: how the server caps concurrent queries. */
import { CODES, ClickHouseHttpError } from './errors.js';

export class QueryLimiter {
  #running = 0;
  readonly #queue: Array<{ resume: () => void; timer: NodeJS.Timeout }> = [];

  constructor(
    readonly maxConcurrent: number,
    readonly maxQueued: number,
    readonly queueTimeoutMs: number,
  ) {}

  /**
   * Resolves with a release function once a slot is free; rejects with TOO_MANY_SIMULTANEOUS_QUERIES when the
   * queue is full or the wait exceeds `queueTimeoutMs`.
   */
  async acquire(): Promise<() => void> {
    if (this.#running < this.maxConcurrent) {
      this.#running++;
    } else {
      if (this.#queue.length >= this.maxQueued) {
        throw new ClickHouseHttpError(
          CODES.TOO_MANY_SIMULTANEOUS_QUERIES,
          `Too many simultaneous queries: ${this.#running} running and ${this.#queue.length} queued ` +
            `(limits ${this.maxConcurrent} and ${this.maxQueued}). Retry later or send fewer at once.`,
        );
      }
      await new Promise<void>((resolve, reject) => {
        const entry = {
          resume: () => {
            clearTimeout(entry.timer);
            resolve();
          },
          timer: setTimeout(() => {
            this.#queue.splice(this.#queue.indexOf(entry), 1);
            reject(
              new ClickHouseHttpError(
                CODES.TOO_MANY_SIMULTANEOUS_QUERIES,
                `Waited ${this.queueTimeoutMs} ms for one of ${this.maxConcurrent} query slots; the store is busy. Retry later.`,
              ),
            );
          }, this.queueTimeoutMs),
        };
        this.#queue.push(entry);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue.shift();
      // The slot passes straight to the next waiter, so a newcomer cannot take it in between.
      if (next) next.resume();
      else this.#running--;
    };
  }

  get running(): number {
    return this.#running;
  }
}
