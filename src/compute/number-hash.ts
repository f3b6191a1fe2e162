/** Scratch views to read a double's bits without allocating. */
const F64 = new Float64Array(1);
const I32 = new Int32Array(F64.buffer);

/**
 * Dense ids for numbers (ES LongHash): open addressing with linear probing over typed arrays, so a
 * lookup allocates nothing (a JS Map boxes doubles outside the small-int range). Ids are 0, 1, 2, ...
 * in first-seen order. -0 and 0 are one key, as are all NaNs (SameValueZero, like Map).
 */
export class NumberHash {
  private keys: Float64Array;
  private ids: Int32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap *= 2;
    this.keys = new Float64Array(cap);
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.keys.byteLength + this.ids.byteLength;
  }

  /** The id of `v`, adding it (with id `size`) when new. `add(v) === size - 1` after a new key. */
  add(v: number): number {
    const key = v !== v ? NaN : v + 0; // one NaN, and -0 -> 0
    let slot = hashOf(key) & this.mask;
    const keys = this.keys;
    const ids = this.ids;
    for (;;) {
      const id = ids[slot];
      if (id < 0) break;
      const k = keys[slot];
      if (k === key || (k !== k && key !== key)) return id;
      slot = (slot + 1) & this.mask;
    }
    const id = this.count++;
    keys[slot] = key;
    ids[slot] = id;
    if (this.count * 2 > this.mask) this.rehash();
    return id;
  }

  /** The id of `v`, or -1. */
  find(v: number): number {
    const key = v !== v ? NaN : v + 0;
    let slot = hashOf(key) & this.mask;
    for (;;) {
      const id = this.ids[slot];
      if (id < 0) return -1;
      const k = this.keys[slot];
      if (k === key || (k !== k && key !== key)) return id;
      slot = (slot + 1) & this.mask;
    }
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldIds = this.ids;
    const cap = oldKeys.length * 2;
    this.keys = new Float64Array(cap);
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const id = oldIds[i];
      if (id < 0) continue;
      let slot = hashOf(oldKeys[i]) & this.mask;
      while (this.ids[slot] >= 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = oldKeys[i];
      this.ids[slot] = id;
    }
  }
}

/** A 32-bit mix of the double's bits (murmur3 finalizer): sequential ints spread over the table. */
function hashOf(v: number): number {
  F64[0] = v;
  let h = I32[0] ^ Math.imul(I32[1], 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
