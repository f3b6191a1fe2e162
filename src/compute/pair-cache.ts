import type { DirectCodes } from './key-ordinals.js';

/** At most this many (left, right) cells: 256 KB of ids. */
const MAX_CELLS = 1 << 16;

/**
 * A direct table (left, right) -> fold id, kept in front of BlockHash's pair hash while both sides
 * stay small (STATS ... BY status, message: 5 x 50 pairs): a row then costs one array read instead
 * of a hash probe. Cells are -1 until their pair is first seen; ids are never changed, only cached.
 */
export class PairCache {
  private table = new Int32Array(0);
  /** The right side's capacity is 1 << shift; the left side's is leftCapacity. */
  private shift = 0;
  private rightCapacity = 0;
  private leftCapacity = 0;

  get bytes(): number {
    return this.table.byteLength;
  }

  /**
   * Replaces `ids[p]` by the cached id of `(ids[p], rights[p])` for p from `from` on, stopping at the
   * first pair not cached; returns that position (`n` when all were).
   */
  foldCached(ids: Int32Array, rights: Int32Array, from: number, n: number): number {
    const table = this.table;
    const shift = this.shift;
    const leftCapacity = this.leftCapacity;
    const rightCapacity = this.rightCapacity;
    for (let p = from; p < n; p++) {
      const left = ids[p];
      const right = rights[p];
      if (left >= leftCapacity || right >= rightCapacity) return p;
      const id = table[(left << shift) | right];
      if (id < 0) return p;
      ids[p] = id;
    }
    return n;
  }

  /**
   * Grows the table to hold every pair (left < leftCount, right < rightCount); false when that would
   * take more than MAX_CELLS. Then any two ordinals below those counts index the table directly.
   */
  cover(leftCount: number, rightCount: number): boolean {
    if (leftCount <= this.leftCapacity && rightCount <= this.rightCapacity) return true;
    const leftCapacity = powerOfTwoAbove(Math.max(leftCount, this.leftCapacity) - 1);
    const rightCapacity = powerOfTwoAbove(Math.max(rightCount, this.rightCapacity) - 1);
    if (leftCapacity * rightCapacity > MAX_CELLS) return false;
    this.grow(leftCapacity, rightCapacity);
    return true;
  }

  /**
   * The fold ids of two keys in one pass, straight from their direct codes (KeyOrdinals.directCodes):
   * `out[p] = id(left = lefts[codes0[p]], right = rights[codes1[p]])`. Needs cover() of both keys'
   * ordinal counts first. Returns false when some row's code or pair is not known yet (out is then
   * partly written; the caller recomputes the page the slow way, which fills the tables).
   */
  foldCodes(codes0: DirectCodes, lefts: Int32Array, codes1: DirectCodes, rights: Int32Array, out: Int32Array, n: number): boolean {
    const table = this.table;
    const shift = this.shift;
    const leftSize = lefts.length;
    const rightSize = rights.length;
    let miss = 0;
    for (let p = 0; p < n; p++) {
      const a = codes0[p];
      const left = a >>> 0 < leftSize ? lefts[a] : -1;
      const b = codes1[p];
      const right = b >>> 0 < rightSize ? rights[b] : -1;
      // Both below the covered counts when known, so the cell exists; -1 marks an unknown pair.
      const id = (left | right) < 0 ? -1 : table[(left << shift) | right];
      out[p] = id;
      miss |= id;
    }
    return miss >= 0;
  }

  /** Remembers the id of (left, right) when the table can hold it (growing it if small enough). */
  set(left: number, right: number, id: number): void {
    if (left >= this.leftCapacity || right >= this.rightCapacity) {
      const leftCapacity = powerOfTwoAbove(Math.max(left, this.leftCapacity - 1));
      const rightCapacity = powerOfTwoAbove(Math.max(right, this.rightCapacity - 1));
      if (leftCapacity * rightCapacity > MAX_CELLS) return;
      this.grow(leftCapacity, rightCapacity);
    }
    this.table[(left << this.shift) | right] = id;
  }

  private grow(leftCapacity: number, rightCapacity: number): void {
    const shift = Math.log2(rightCapacity);
    const table = new Int32Array(leftCapacity * rightCapacity).fill(-1);
    for (let l = 0; l < this.leftCapacity; l++) {
      table.set(this.table.subarray(l << this.shift, (l << this.shift) + this.rightCapacity), l << shift);
    }
    this.table = table;
    this.shift = shift;
    this.leftCapacity = leftCapacity;
    this.rightCapacity = rightCapacity;
  }
}

/** The smallest power of two above `v` (at least 16). */
function powerOfTwoAbove(v: number): number {
  let p = 16;
  while (p <= v) p *= 2;
  return p;
}
