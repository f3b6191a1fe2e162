import { describe, expect, it } from 'vitest';
import { PairCache } from '../../src/compute/pair-cache.js';

describe('PairCache', () => {
  it('folds two code columns through their ordinal tables in one pass', () => {
    const cache = new PairCache();
    expect(cache.cover(3, 2)).toBe(true);
    cache.set(0, 0, 0);
    cache.set(2, 1, 1);
    cache.set(1, 1, 2);
    // codes -> ordinals: left codes 7, 9, 3 are ordinals 0, 1, 2; right codes 0, 1 are ordinals 1, 0.
    const lefts = Int32Array.from([-1, -1, -1, 2, -1, -1, -1, 0, -1, 1]);
    const rights = Int32Array.from([1, 0]);
    const out = new Int32Array(4);
    expect(cache.foldCodes(Int32Array.from([7, 3, 9, 7]), lefts, Int32Array.from([1, 0, 0, 1]), rights, out, 4)).toBe(true);
    expect(Array.from(out)).toEqual([0, 1, 2, 0]);
  });

  it('reports a row whose code or pair is not known yet', () => {
    const cache = new PairCache();
    cache.cover(2, 2);
    cache.set(0, 0, 0);
    const table = Int32Array.from([0, 1]);
    const out = new Int32Array(2);
    // Pair (1, 1) has no id yet.
    expect(cache.foldCodes(Int32Array.from([0, 1]), table, Int32Array.from([0, 1]), table, out, 2)).toBe(false);
    // Code 5 is outside the left table; code -1 (a null placeholder) too.
    expect(cache.foldCodes(Int32Array.from([0, 5]), table, Int32Array.from([0, 0]), table, out, 2)).toBe(false);
    expect(cache.foldCodes(Int32Array.from([0, -1]), table, Int32Array.from([0, 0]), table, out, 2)).toBe(false);
    // Only the first n rows are read.
    expect(cache.foldCodes(Int32Array.from([0, 1]), table, Int32Array.from([0, 1]), table, out, 1)).toBe(true);
  });

  it('keeps cached ids when it grows, and refuses to cover more pairs than its cell limit', () => {
    const cache = new PairCache();
    cache.cover(2, 2);
    cache.set(1, 1, 7);
    expect(cache.cover(100, 300)).toBe(true);
    const out = new Int32Array(1);
    const identity = Int32Array.from({ length: 300 }, (_, i) => i);
    expect(cache.foldCodes(Int32Array.from([1]), identity, Int32Array.from([1]), identity, out, 1)).toBe(true);
    expect(out[0]).toBe(7);
    expect(cache.cover(1000, 1000)).toBe(false);
  });
});
