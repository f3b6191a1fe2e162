/**
 * Stable sorts of row indexes for SORT / TopN. `Int32Array.prototype.sort(cmp)` calls the comparator
 * through a builtin and runs several times slower than a plain merge sort; numeric keys get a
 * dedicated sort on (key, index) pairs held in typed arrays, which has no call per comparison at all.
 */

const INSERTION_RUN = 24;

/**
 * Sorts `idx[from..to)` by `keys[from..to)` ascending (the two arrays move together), stable.
 * `tmpKeys` / `tmpIdx` are scratch arrays at least as long as `idx`.
 */
export function sortByNumber(
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
