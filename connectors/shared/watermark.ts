/**
 * A time watermark for sources that list newest first and have no server-side "after this id" filter
 * (or one that is inclusive): the newest timestamp already delivered plus the ids delivered at exactly
 * that timestamp, so a re-poll drops what it already returned without missing same-millisecond records.
 */

/** The newest record time delivered (epoch ms) and the native ids delivered at exactly that time. */
export interface Watermark {
  at: number;
  ids: string[];
}

/** True when a record at `at` with `id` has not been delivered under `watermark`. */
export function isAfterWatermark(watermark: Watermark, at: number, id: string): boolean {
  return at > watermark.at || (at === watermark.at && !watermark.ids.includes(id));
}

/** The watermark after also delivering the record (`at`, `id`); never moves backwards. */
export function advanceWatermark(watermark: Watermark, at: number, id: string): Watermark {
  if (at > watermark.at) return { at, ids: [id] };
  if (at === watermark.at && !watermark.ids.includes(id)) return { at, ids: [...watermark.ids, id] };
  return watermark;
}

/** The later of two watermarks (ids merged when they share a time). */
export function laterWatermark(a: Watermark, b: Watermark): Watermark {
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return { at: a.at, ids: [...new Set([...a.ids, ...b.ids])] };
}
