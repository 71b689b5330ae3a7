/**
 * The shared hashes feed persisted values (story ids, model feature buckets, `state_hash`), so their outputs
 * are pinned here: a change to platform/hash.ts that moves them fails this test, not a stored table.
 */
import { describe, expect, it } from 'vitest';
import { fmix32, fnv1a, fnv1aPrefix, hash64, join64, split64 } from '../../../platform/hash.js';
import { isProcessAlive } from '../../../platform/process.js';

describe('platform/hash', () => {
  it('fnv1a is the standard 32-bit FNV-1a (published test vectors)', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
    expect(fnv1aPrefix('foobar!!', 6)).toBe(fnv1a('foobar'));
  });

  it('fmix32 and hash64 keep their pinned outputs', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
    const out = new Uint32Array(2);
    hash64('acme air', out);
    const pinned = join64(out[0] as number, out[1] as number);
    expect(split64(pinned)).toEqual([out[0], out[1]]);
    hash64('acme air', out);
    expect(join64(out[0] as number, out[1] as number)).toBe(pinned);
    hash64('acme aír', out);
    expect(join64(out[0] as number, out[1] as number)).not.toBe(pinned);
  });
});

describe('platform/process', () => {
  it('isProcessAlive: this process yes, a pid that cannot exist no, garbage no', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(2 ** 22 + 12345)).toBe(false);
    expect(isProcessAlive(0)).toBe(false);
    expect(isProcessAlive(Number.NaN)).toBe(false);
  });

  it('counts a process owned by someone else (EPERM) as alive', () => {
    // pid 1 exists on every Linux box; as root kill(1, 0) succeeds, as a user it is EPERM: alive both ways.
    expect(isProcessAlive(1)).toBe(true);
  });
});
