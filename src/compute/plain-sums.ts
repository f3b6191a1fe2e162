/**
 * The per-group state of a sum over one single-valued, null-free number column (SUM, AVG), opened
 * up so that HashAggregationOperator can add two of them in one loop over the rows: on large
 * inputs one loop reading both value columns is far faster than two passes each reading one.
 */
export interface PlainSum {
  /** true: exact long sums, valid while every sum stays a safe integer; false: Kahan double sums. */
  readonly exact: boolean;
  /** Per group: the sum, its Kahan compensation (unused when exact) and how many values it has. */
  readonly sums: Float64Array;
  readonly deltas: Float64Array;
  readonly counts: Float64Array;
  /**
   * Adds rows `from..positionCount)` of `values` the aggregator's own way: the fused loop stops at
   * a row it must not take (a long sum leaving the safe-integer range, a non-finite double step).
   */
  addRest(groupIds: Int32Array, values: ArrayLike<number>, from: number, positionCount: number): void;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * `a` over `av` and `b` over `bv` for rows `0..n)`, one loop; negative group ids are skipped. A row
 * either sum cannot take plainly ends the loop before it touches that row; both then finish the
 * page with addRest, so the results are exactly those of two separate passes. One loop per pair of
 * kinds: a per-row test of the kind costs as much as the fusion gains.
 */
export function addPlainSumsTogether(
  groupIds: Int32Array,
  n: number,
  a: PlainSum,
  av: ArrayLike<number>,
  b: PlainSum,
  bv: ArrayLike<number>,
): void {
  let stop: number;
  if (a.exact === b.exact) stop = a.exact ? exactAndExact(groupIds, n, a, av, b, bv) : kahanAndKahan(groupIds, n, a, av, b, bv);
  else stop = b.exact ? kahanAndExact(groupIds, n, a, av, b, bv) : kahanAndExact(groupIds, n, b, bv, a, av);
  if (stop === n) return;
  a.addRest(groupIds, av, stop, n);
  b.addRest(groupIds, bv, stop, n);
}

// Each loop returns the first row it did not take (n when it took all). The Kahan step is
// CompensatedSums.addPlain's, taken only when its result is finite; the exact step LongSums's,
// taken only while the sum stays a safe integer.

function kahanAndKahan(groupIds: Int32Array, n: number, a: PlainSum, av: ArrayLike<number>, b: PlainSum, bv: ArrayLike<number>): number {
  const aSums = a.sums;
  const aDeltas = a.deltas;
  const aCounts = a.counts;
  const bSums = b.sums;
  const bDeltas = b.deltas;
  const bCounts = b.counts;
  for (let p = 0; p < n; p++) {
    const g = groupIds[p];
    if (g < 0) continue;
    const x = aSums[g];
    const xCorrected = av[p] + aDeltas[g];
    const xUpdated = x + xCorrected;
    const y = bSums[g];
    const yCorrected = bv[p] + bDeltas[g];
    const yUpdated = y + yCorrected;
    if (xUpdated - xUpdated !== 0 || yUpdated - yUpdated !== 0) return p;
    aSums[g] = xUpdated;
    aDeltas[g] = xCorrected - (xUpdated - x);
    aCounts[g]++;
    bSums[g] = yUpdated;
    bDeltas[g] = yCorrected - (yUpdated - y);
    bCounts[g]++;
  }
  return n;
}

function kahanAndExact(groupIds: Int32Array, n: number, a: PlainSum, av: ArrayLike<number>, b: PlainSum, bv: ArrayLike<number>): number {
  const aSums = a.sums;
  const aDeltas = a.deltas;
  const aCounts = a.counts;
  const bSums = b.sums;
  const bCounts = b.counts;
  for (let p = 0; p < n; p++) {
    const g = groupIds[p];
    if (g < 0) continue;
    const x = aSums[g];
    const xCorrected = av[p] + aDeltas[g];
    const xUpdated = x + xCorrected;
    const yUpdated = bSums[g] + bv[p];
    if (xUpdated - xUpdated !== 0 || yUpdated > MAX_SAFE || yUpdated < -MAX_SAFE) return p;
    aSums[g] = xUpdated;
    aDeltas[g] = xCorrected - (xUpdated - x);
    aCounts[g]++;
    bSums[g] = yUpdated;
    bCounts[g]++;
  }
  return n;
}

function exactAndExact(groupIds: Int32Array, n: number, a: PlainSum, av: ArrayLike<number>, b: PlainSum, bv: ArrayLike<number>): number {
  const aSums = a.sums;
  const aCounts = a.counts;
  const bSums = b.sums;
  const bCounts = b.counts;
  for (let p = 0; p < n; p++) {
    const g = groupIds[p];
    if (g < 0) continue;
    const xUpdated = aSums[g] + av[p];
    const yUpdated = bSums[g] + bv[p];
    if (xUpdated > MAX_SAFE || xUpdated < -MAX_SAFE || yUpdated > MAX_SAFE || yUpdated < -MAX_SAFE) return p;
    aSums[g] = xUpdated;
    aCounts[g]++;
    bSums[g] = yUpdated;
    bCounts[g]++;
  }
  return n;
}
