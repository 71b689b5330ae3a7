import { hash64, join64, popcount32, split64 } from '../../platform/hash.js';
import { exactKey, normalizedWords } from './normalize.js';

/**
 * Texts with fewer normalized words than this get an exact-text hash instead of a SimHash: a handful of
 * words cannot tell a repost from a different post ("love acme" vs "hate acme").
 */
export const MIN_SIMHASH_WORDS = 5;
/** Word n-gram sizes hashed as SimHash features; tuned on test/fixtures/near-duplicates.jsonl. */
export const SHINGLE_SIZES: readonly number[] = [1, 2];

const scratch = new Uint32Array(2);
const weights = new Int32Array(64);

/**
 * The 64-bit near-duplicate fingerprint of a text, as an unsigned bigint (ClickHouse `UInt64`).
 *
 * A SimHash over word shingles of the normalized text (see `normalizedWords`): near-identical texts get
 * fingerprints a few bits apart (`hammingDistance`). Texts with fewer than `MIN_SIMHASH_WORDS` words get
 * a hash of their exact normalized text, so they only ever match an identical text. Deterministic across
 * processes and versions of Node.
 */
export function fingerprint(text: string): bigint {
  const [hi, lo] = fingerprintHalves(text);
  return join64(hi, lo);
}

/** `fingerprint` as `[hi, lo]` 32-bit halves, the form the index stores. */
export function fingerprintHalves(text: string, sizes: readonly number[] = SHINGLE_SIZES): [number, number] {
  const words = normalizedWords(text);
  if (words.length < MIN_SIMHASH_WORDS) {
    // Exact text (emoji and punctuation included: "Acme 👍" is not "Acme 👎"), minus links and spacing.
    hash64(`=${exactKey(text)}`, scratch);
    return [scratch[0] as number, scratch[1] as number];
  }
  weights.fill(0);
  for (const n of sizes) {
    for (let i = 0; i + n <= words.length; i++) {
      hash64(n === 1 ? (words[i] as string) : words.slice(i, i + n).join(' '), scratch);
      add(scratch[1] as number, 0);
      add(scratch[0] as number, 32);
    }
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if ((weights[b] as number) > 0) lo |= 1 << b;
    if ((weights[b + 32] as number) > 0) hi |= 1 << b;
  }
  return [hi >>> 0, lo >>> 0];
}

function add(half: number, base: number): void {
  for (let b = 0; b < 32; b++)
    weights[base + b] = (weights[base + b] as number) + ((half >>> b) & 1 ? 1 : -1);
}

/** Number of differing bits between two fingerprints (0 = same, ≤ ~5 = near-duplicate, ~32 = unrelated). */
export function hammingDistance(a: bigint, b: bigint): number {
  const [ah, al] = split64(a);
  const [bh, bl] = split64(b);
  return popcount32(ah ^ bh) + popcount32(al ^ bl);
}

/** A fingerprint as 16 lower-case hex digits: the default story id of a text that starts a story. */
export function fingerprintToHex(fp: bigint): string {
  return fp.toString(16).padStart(16, '0');
}
