/**
 * Stable sorts of row indexes for SORT / TopN. `Int32Array.prototype.sort(cmp)` calls the comparator
 * through a builtin and runs several times slower than a plain merge sort; numeric keys get a
 * dedicated sort on (key, index) pairs held in typed arrays, which has no call per comparison at all.
 */

const INSERTION_RUN = 24;

/** Below this many rows a merge sort beats the fixed cost of six radix passes. */
const RADIX_MIN = 4096;

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

/**
 * Sorts `idx[from..to)` by `keys[from..to)` ascending (the two arrays move together), stable. Large
 * ranges use an LSD radix sort on the doubles' bits mapped to unsigned order (sign flipped for
 * positives, all bits for negatives): six passes of 11/11/10 bits, skipping passes where every key
 * has the same digit (integers leave most low mantissa digits constant). -0 sorts before 0.
 */
export function sortByNumber(
  keys: Float64Array,
  idx: Int32Array,
  from: number,
  to: number,
  tmpKeys: Float64Array,
  tmpIdx: Int32Array,
): void {
  if (to - from < RADIX_MIN) {
    mergeSortByNumber(keys, idx, from, to, tmpKeys, tmpIdx);
    return;
  }
  const n = to - from;
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  let perm = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    F64[0] = keys[from + i];
    const h = U32[HI];
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~U32[LO] >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = U32[LO];
    }
    perm[i] = i;
  }
  let hi2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  let perm2 = new Int32Array(n);
  const counts = new Int32Array(2048);
  for (let pass = 0; pass < 6; pass++) {
    const shift = (pass % 3) * 11;
    const mask = pass % 3 === 2 ? 0x3ff : 0x7ff;
    const digits = pass < 3 ? lo : hi;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(digits[i] >>> shift) & mask]++;
    if (counts[(digits[0] >>> shift) & mask] === n) continue;
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const w = counts[(digits[i] >>> shift) & mask]++;
      hi2[w] = hi[i];
      lo2[w] = lo[i];
      perm2[w] = perm[i];
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
    [perm, perm2] = [perm2, perm];
  }
  for (let i = 0; i < n; i++) {
    tmpKeys[i] = keys[from + perm[i]];
    tmpIdx[i] = idx[from + perm[i]];
  }
  keys.set(tmpKeys.subarray(0, n), from);
  idx.set(tmpIdx.subarray(0, n), from);
}

/** The merge sort behind sortByNumber for small ranges; same contract. */
function mergeSortByNumber(
  keys: Float64Array,
  idx: Int32Array,
  from: number,
  to: number,
  tmpKeys: Float64Array,
  tmpIdx: Int32Array,
): void {
  for (let lo = from; lo < to; lo += INSERTION_RUN) insertionByNumber(keys, idx, lo, Math.min(to, lo + INSERTION_RUN));
  let srcK = keys;
  let srcI = idx;
  let dstK = tmpKeys;
  let dstI = tmpIdx;
  for (let width = INSERTION_RUN; width < to - from; width *= 2) {
    for (let lo = from; lo < to; lo += 2 * width) {
      const mid = Math.min(to, lo + width);
      const hi = Math.min(to, lo + 2 * width);
      let i = lo;
      let j = mid;
      let w = lo;
      while (i < mid && j < hi) {
        // `<=` keeps the left (earlier) element first on ties: stability.
        if (srcK[i] <= srcK[j]) {
          dstK[w] = srcK[i];
          dstI[w++] = srcI[i++];
        } else {
          dstK[w] = srcK[j];
          dstI[w++] = srcI[j++];
        }
      }
      while (i < mid) {
        dstK[w] = srcK[i];
        dstI[w++] = srcI[i++];
      }
      while (j < hi) {
        dstK[w] = srcK[j];
        dstI[w++] = srcI[j++];
      }
    }
    const k = srcK;
    srcK = dstK;
    dstK = k;
    const ix = srcI;
    srcI = dstI;
    dstI = ix;
  }
  if (srcI !== idx) {
    idx.set(srcI.subarray(from, to), from);
    keys.set(srcK.subarray(from, to), from);
  }
}

function insertionByNumber(keys: Float64Array, idx: Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const k = keys[i];
    const v = idx[i];
    let j = i - 1;
    while (j >= from && keys[j] > k) {
      keys[j + 1] = keys[j];
      idx[j + 1] = idx[j];
      j--;
    }
    keys[j + 1] = k;
    idx[j + 1] = v;
  }
}

/** Sorts `idx[from..to)` with `cmp` (on the index values), stable. `tmp` is scratch, as long as `idx`. */
export function sortWithComparator(
  idx: Int32Array,
  from: number,
  to: number,
  cmp: (a: number, b: number) => number,
  tmp: Int32Array,
): void {
  for (let lo = from; lo < to; lo += INSERTION_RUN) {
    const hi = Math.min(to, lo + INSERTION_RUN);
    for (let i = lo + 1; i < hi; i++) {
      const v = idx[i];
      let j = i - 1;
      while (j >= lo && cmp(idx[j], v) > 0) {
        idx[j + 1] = idx[j];
        j--;
      }
      idx[j + 1] = v;
    }
  }
  let src = idx;
  let dst = tmp;
  for (let width = INSERTION_RUN; width < to - from; width *= 2) {
    for (let lo = from; lo < to; lo += 2 * width) {
      const mid = Math.min(to, lo + width);
      const hi = Math.min(to, lo + 2 * width);
      let i = lo;
      let j = mid;
      let w = lo;
      // Already ordered halves (common for pre-sorted input) are copied without comparing.
      if (mid < hi && cmp(src[mid - 1], src[mid]) <= 0) {
        for (let x = lo; x < hi; x++) dst[x] = src[x];
        continue;
      }
      while (i < mid && j < hi) dst[w++] = cmp(src[i], src[j]) <= 0 ? src[i++] : src[j++];
      while (i < mid) dst[w++] = src[i++];
      while (j < hi) dst[w++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== idx) idx.set(src.subarray(from, to), from);
}
