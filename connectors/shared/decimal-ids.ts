/** Ids that are decimal strings of any length (Mastodon and X snowflakes), compared without precision loss. */

/** Compares two decimal-string ids numerically: negative, zero or positive like `Array.sort`. */
export function compareDecimalIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The larger of two optional decimal-string ids. */
export const maxDecimalId = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined ? a : compareDecimalIds(a, b) >= 0 ? a : b;
