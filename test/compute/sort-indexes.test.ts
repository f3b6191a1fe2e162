import { describe, expect, it } from 'vitest';
import { sortByNumber, sortWithComparator } from '../../src/compute/sort-indexes.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Reference: stable sort of (key, idx) pairs by key. */
const reference = (keys: number[], idx: number[]) =>
  keys
    .map((k, i) => ({ k, v: idx[i], i }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((e) => e.v);

describe('sortByNumber', () => {
  for (const n of [0, 1, 100, 5000, 20_000])
    it(`sorts ${n} keys (negatives, fractions, duplicates, huge values) stably`, () => {
      const r = rng(n + 1);
      const pool = [-1e300, -3.5, -1, 0, 0.25, 1, 2, 7, 1e15, 2 ** 53, 1e300, -Infinity, Infinity];
      const keys = Array.from({ length: n }, () => (r() < 0.5 ? pool[Math.floor(r() * pool.length)] : (r() - 0.5) * 1e6));
      const idx = Array.from({ length: n }, (_, i) => i);
      const k = Float64Array.from(keys);
      const ix = Int32Array.from(idx);
      sortByNumber(k, ix, 0, n, new Float64Array(n), new Int32Array(n));
      expect(Array.from(ix)).toEqual(reference(keys, idx));
      let ordered = true;
      for (let i = 1; i < n; i++) if (!(k[i - 1] <= k[i])) ordered = false;
      expect(ordered).toBe(true);
    });

  it('sorts only the given range', () => {
    const k = Float64Array.from([9, 3, 2, 1, 0]);
    const ix = Int32Array.from([0, 1, 2, 3, 4]);
    sortByNumber(k, ix, 1, 4, new Float64Array(5), new Int32Array(5));
    expect(Array.from(ix)).toEqual([0, 3, 2, 1, 4]);
  });
});

describe('sortWithComparator', () => {
  it('is a stable sort for any comparator', () => {
    const r = rng(3);
    const n = 10_000;
    const keys = Array.from({ length: n }, () => Math.floor(r() * 100));
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    sortWithComparator(idx, 0, n, (a, b) => keys[b] - keys[a], new Int32Array(n));
    const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[b] - keys[a] || a - b);
    expect(Array.from(idx)).toEqual(expected);
  });
});
