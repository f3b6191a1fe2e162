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
