import { join64, popcount32, split64 } from '../../platform/hash.js';
import { fingerprintHalves, fingerprintToHex } from './simhash.js';

/** Options of a `StoryIndex`. */
export interface StoryIndexOptions {
  /**
   * Largest Hamming distance at which a text joins an existing story. Tuned on
   * test/fixtures/near-duplicates.jsonl (docs/near-duplicates.md); 0–15.
   * @default DEFAULT_MAX_DISTANCE
   */
  maxDistance?: number;
  /** Most fingerprints kept; the oldest are forgotten first. @default 100_000 */
  capacity?: number;
}

/** What `StoryIndex.assign` decided for a text. */
export interface StoryAssignment {
  /** The story the text belongs to: an existing story's id, or the hex of its own fingerprint. */
  storyId: string;
  /** The text's fingerprint (store it to seed the index at the next start). */
  fingerprint: bigint;
  /** Hex fingerprint of the nearest earlier text it duplicates; absent when it starts a story. */
  duplicateOf?: string;
  /** Hamming distance to `duplicateOf`. */
  distance?: number;
}

/** Serialized index: `entries` oldest first as `[storyId, fingerprint hex]`. */
export interface StoryIndexState {
  version: 1;
  maxDistance: number;
  capacity: number;
  entries: Array<[storyId: string, fingerprint: string]>;
}

/** Default `maxDistance`; see docs/near-duplicates.md for the measurement behind it. */
export const DEFAULT_MAX_DISTANCE = 7;
const DEFAULT_CAPACITY = 100_000;
/** Recent distinct texts whose fingerprints are memoized. */
const TEXT_CACHE_SIZE = 4_096;

/**
 * Groups near-duplicate texts (syndicated articles, reposts, copy-paste) into stories.
 *
 * Fingerprints are 64-bit SimHashes. Lookup is a banded LSH: the 64 bits are cut into `maxDistance + 1`
 * bands, and two fingerprints within `maxDistance` bits must agree exactly on at least one band
 * (pigeonhole), so only texts sharing a band are compared. Memory is bounded by `capacity`; the oldest
 * fingerprints are evicted first.
 *
 * @example
 * const index = new StoryIndex();
 * index.assign('Acme Air cancels 200 flights as storm hits Denver - Reuters').storyId; // 'a1b2…'
 * index.assign('Acme Air cancels 200 flights as storm hits Denver | AP News').storyId; // same id
 */
export class StoryIndex {
  readonly maxDistance: number;
  readonly capacity: number;
  private readonly _bands: Array<{ start: number; width: number }>;
  /** Per band: band value → ids of the distinct fingerprints having it. */
  private readonly _buckets: Array<Map<number, number[]>>;
  // Ring buffer of remembered texts (slots), oldest evicted first.
  private readonly _slotEntry: Int32Array;
  private readonly _story: string[];
  // Distinct fingerprints (entries): a templated or syndicated text repeated N times is scanned once, not N
  // times. An entry lives while any slot holds its fingerprint; `_latest` is its most recent slot.
  private readonly _hi: Uint32Array;
  private readonly _lo: Uint32Array;
  private readonly _latest: Int32Array;
  private readonly _count: Int32Array;
  private readonly _free: number[] = [];
  private _entries = 0;
  private readonly _cache = new Map<string, readonly [number, number]>();
  private _next = 0;
  private _size = 0;

  constructor(options: StoryIndexOptions = {}) {
    const { maxDistance = DEFAULT_MAX_DISTANCE, capacity = DEFAULT_CAPACITY } = options;
    if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 15) {
      throw new RangeError(`StoryIndex maxDistance must be an integer from 0 to 15, got ${maxDistance}`);
    }
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`StoryIndex capacity must be a positive integer, got ${capacity}`);
    }
    this.maxDistance = maxDistance;
    this.capacity = capacity;
    const count = maxDistance + 1;
    this._bands = Array.from({ length: count }, (_, i) => {
      const start = Math.floor((i * 64) / count);
      return { start, width: Math.floor(((i + 1) * 64) / count) - start };
    });
    this._buckets = this._bands.map(() => new Map());
    this._slotEntry = new Int32Array(capacity);
    this._story = new Array<string>(capacity);
    this._hi = new Uint32Array(capacity);
    this._lo = new Uint32Array(capacity);
    this._latest = new Int32Array(capacity);
    this._count = new Int32Array(capacity);
  }

  /** Number of fingerprints held. */
  get size(): number {
    return this._size;
  }

  /**
   * Assigns `text` to the story of its nearest earlier near-duplicate, or starts a story whose id is the
   * hex of its fingerprint (so re-ingesting the same text alone yields the same id), then remembers it.
   */
  assign(text: string): StoryAssignment {
    const [hi, lo] = this._fingerprint(text);
    const fp = join64(hi, lo);
    const nearest = this._nearest(hi, lo);
    if (nearest === null) {
      const storyId = fingerprintToHex(fp);
      this._add(storyId, hi, lo, -1);
      return { storyId, fingerprint: fp };
    }
    const storyId = this._story[nearest.slot] as string;
    const duplicateOf = fingerprintToHex(
      join64(this._hi[nearest.entry] as number, this._lo[nearest.entry] as number),
    );
    // The lookup already knows whether this exact fingerprint is held: only as the nearest, at distance 0.
    this._add(storyId, hi, lo, nearest.distance === 0 ? nearest.entry : -1);
    return { storyId, fingerprint: fp, duplicateOf, distance: nearest.distance };
  }

  /** Remembers a fingerprint already assigned to `storyId` (seeding from storage at start-up). */
  add(storyId: string, fingerprint: bigint): void {
    const [hi, lo] = split64(fingerprint);
    this._add(storyId, hi, lo);
  }

  /** The story of the nearest fingerprint within `maxDistance`, without remembering anything. */
  lookup(fingerprint: bigint): { storyId: string; distance: number } | null {
    const [hi, lo] = split64(fingerprint);
    const nearest = this._nearest(hi, lo);
    return nearest && { storyId: this._story[nearest.slot] as string, distance: nearest.distance };
  }

  /** The index as plain JSON (oldest entries first), for `StoryIndex.fromJSON`. */
  toJSON(): StoryIndexState {
    const entries: StoryIndexState['entries'] = [];
    const start = this._size < this.capacity ? 0 : this._next;
    for (let k = 0; k < this._size; k++) {
      const slot = (start + k) % this.capacity;
      const entry = this._slotEntry[slot] as number;
      const fp = join64(this._hi[entry] as number, this._lo[entry] as number);
      entries.push([this._story[slot] as string, fingerprintToHex(fp)]);
    }
    return { version: 1, maxDistance: this.maxDistance, capacity: this.capacity, entries };
  }

  /** Rebuilds an index from `toJSON()` output; `options` override the saved settings. */
  static fromJSON(state: StoryIndexState, options: StoryIndexOptions = {}): StoryIndex {
    if (state.version !== 1)
      throw new RangeError(`unsupported StoryIndex state version ${String(state.version)}`);
    const index = new StoryIndex({ maxDistance: state.maxDistance, capacity: state.capacity, ...options });
    for (const [storyId, hex] of state.entries) index.add(storyId, BigInt(`0x${hex}`));
    return index;
  }

  /**
   * `fingerprintHalves`, memoized for recently seen identical texts (reposts, syndicated copies, templates):
   * normalization dominates the cost of a lookup. The fingerprint is a pure function of the text.
   */
  private _fingerprint(text: string): readonly [number, number] {
    let halves = this._cache.get(text);
    if (halves === undefined) {
      halves = fingerprintHalves(text);
      // Bounded by forgetting everything at once: cheap, and a live repost stream refills it immediately.
      if (this._cache.size >= TEXT_CACHE_SIZE) this._cache.clear();
      this._cache.set(text, halves);
    }
    return halves;
  }

  private _nearest(hi: number, lo: number): { slot: number; entry: number; distance: number } | null {
    let bestEntry = -1;
    let bestDistance = this.maxDistance + 1;
    let bestAge = Infinity;
    const his = this._hi;
    const los = this._lo;
    const latest = this._latest;
    for (let b = 0; b < this._bands.length; b++) {
      const band = this._bands[b] as { start: number; width: number };
      const bucket = this._buckets[b]?.get(bandValue(hi, lo, band.start, band.width));
      if (bucket === undefined) continue;
      for (let k = 0; k < bucket.length; k++) {
        const entry = bucket[k] as number;
        const distance = popcount32((his[entry] as number) ^ hi) + popcount32((los[entry] as number) ^ lo);
        if (distance > bestDistance) continue;
        // Ties go to the most recent fingerprint: the live end of a story.
        const age = (this._next - 1 - (latest[entry] as number) + this.capacity) % this.capacity;
        if (distance < bestDistance || age < bestAge) {
          bestEntry = entry;
          bestDistance = distance;
          bestAge = age;
        }
      }
    }
    if (bestEntry === -1) return null;
    return { slot: latest[bestEntry] as number, entry: bestEntry, distance: bestDistance };
  }

  /** `known`: the entry holding (hi, lo), -1 when it is known to be absent, undefined to search. */
  private _add(storyId: string, hi: number, lo: number, known?: number): void {
    const slot = this._next;
    if (this._size === this.capacity) this._release(slot);
    else this._size++;
    // Releasing the oldest slot may have dropped the known entry (its last holder): search again then.
    const entry =
      known !== undefined && known >= 0 && (this._count[known] as number) > 0
        ? known
        : this._entryOf(hi, lo, known === -1);
    this._slotEntry[slot] = entry;
    this._latest[entry] = slot;
    this._count[entry] = (this._count[entry] as number) + 1;
    this._story[slot] = storyId;
    this._next = (slot + 1) % this.capacity;
  }

  /** The entry holding fingerprint (hi, lo), created (and linked into its buckets) when absent. */
  private _entryOf(hi: number, lo: number, absent = false): number {
    const band = this._bands[0] as { start: number; width: number };
    const bucket0 = absent ? undefined : this._buckets[0]?.get(bandValue(hi, lo, band.start, band.width));
    if (bucket0 !== undefined) {
      for (let k = 0; k < bucket0.length; k++) {
        const entry = bucket0[k] as number;
        if (this._hi[entry] === hi && this._lo[entry] === lo) return entry;
      }
    }
    const entry = this._free.pop() ?? this._entries++;
    this._hi[entry] = hi;
    this._lo[entry] = lo;
    this._count[entry] = 0;
    this._bands.forEach((band, b) => {
      const buckets = this._buckets[b] as Map<number, number[]>;
      const key = bandValue(hi, lo, band.start, band.width);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(entry);
      else buckets.set(key, [entry]);
    });
    return entry;
  }

  /** Forgets the text in `slot` (the oldest); its fingerprint goes when no other slot holds it. */
  private _release(slot: number): void {
    const entry = this._slotEntry[slot] as number;
    const left = (this._count[entry] as number) - 1;
    this._count[entry] = left;
    if (left > 0) return;
    const hi = this._hi[entry] as number;
    const lo = this._lo[entry] as number;
    this._bands.forEach((band, b) => {
      const buckets = this._buckets[b] as Map<number, number[]>;
      const key = bandValue(hi, lo, band.start, band.width);
      const bucket = buckets.get(key);
      if (!bucket) return;
      const at = bucket.indexOf(entry);
      if (at !== -1) bucket.splice(at, 1);
      if (bucket.length === 0) buckets.delete(key);
    });
    this._free.push(entry);
  }
}

/** Bits `[start, start + width)` of the 64-bit value (bit 0 = lowest bit of `lo`), width ≤ 32. */
function bandValue(hi: number, lo: number, start: number, width: number): number {
  let v: number;
  if (start >= 32) v = hi >>> (start - 32);
  else if (start + width <= 32) v = lo >>> start;
  else v = (lo >>> start) | (hi << (32 - start));
  return width >= 32 ? v >>> 0 : (v & ((1 << width) - 1)) >>> 0;
}
