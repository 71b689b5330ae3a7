/**
 * The one home of Earshot's non-cryptographic hashes (fingerprints, feature hashing, row-state hashes).
 * Plain 32-bit numbers throughout: much faster than BigInt in hot loops. Values are persisted (story ids,
 * model feature buckets, `state_hash`), so changing any function here changes stored data: don't.
 */

const FNV_PRIME = 0x01000193;
const OFFSET_HI = 0x811c9dc5;
const OFFSET_LO = 0x050c5d1f;

/** MurmurHash3's 32-bit finalizer: every output bit depends on every input bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit FNV-1a over the UTF-16 code units of `s`. */
export function fnv1a(s: string): number {
  return fnv1aPrefix(s, s.length);
}

/** 32-bit FNV-1a of the first `n` code units of `s` (no substring allocated). */
export function fnv1aPrefix(s: string, n: number): number {
  let h = OFFSET_HI;
  for (let i = 0; i < n; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/**
 * 64-bit hash as two 32-bit halves: FNV-1a over UTF-16 code units with two different offset bases, each
 * finished with {@link fmix32}. Writes the hash of `s` into `out` as `[hi, lo]` unsigned 32-bit halves.
 */
export function hash64(s: string, out: Uint32Array): void {
  let hi = OFFSET_HI;
  let lo = OFFSET_LO;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    hi = Math.imul(hi ^ c, FNV_PRIME);
    lo = Math.imul(lo ^ c, FNV_PRIME);
  }
  out[0] = fmix32(hi ^ s.length);
  out[1] = fmix32(lo + Math.imul(s.length, 0x9e3779b9));
}

/** Number of set bits of a 32-bit value. */
export function popcount32(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

/** `hi` and `lo` as one unsigned 64-bit bigint. */
export function join64(hi: number, lo: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** Splits an unsigned 64-bit bigint into `[hi, lo]`. */
export function split64(v: bigint): [hi: number, lo: number] {
  return [Number((v >> 32n) & 0xffffffffn), Number(v & 0xffffffffn)];
}
