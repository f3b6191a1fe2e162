import { growFloat64, growUint8 } from './growable.js';

const NO_COUNTS = new Float64Array(0);

/**
 * Per-group Kahan sums of doubles, as ES's SumDoubleAggregator (CompensatedSum), so results match
 * ES to the last digit (`3.1599999999999984`, not `3.16`). Non-finite values are added plainly,
 * and a non-finite sum stays as it is.
 */
export class CompensatedSums {
  private values = new Float64Array(0);
  private deltas = new Float64Array(0);
  private seenFlags = new Uint8Array(0);

  ensureCapacity(groupCount: number): void {
    this.values = growFloat64(this.values, groupCount);
    this.deltas = growFloat64(this.deltas, groupCount);
    this.seenFlags = growUint8(this.seenFlags, groupCount);
  }

  /** Always true: a double sum never fails (same shape as LongSums.add). */
  add(g: number, v: number): boolean {
    this.seenFlags[g] = 1;
    if (!Number.isFinite(v)) {
      this.values[g] += v;
      return true;
    }
    const value = this.values[g];
    if (!Number.isFinite(value)) return true;
    const corrected = v + this.deltas[g];
    const updated = value + corrected;
    this.deltas[g] = corrected - (updated - value);
    this.values[g] = updated;
    return true;
  }

  /**
   * `add` for every position of a single-valued, null-free column: one loop, no callback per value
   * (the hot path of SUM/AVG). Negative group ids are skipped (the aggregate's WHERE was not true).
   * `counts` (AVG's), when given, counts each added value in the same pass.
   */
  addPlain(groupIds: Int32Array, values: ArrayLike<number>, positionCount: number, counts?: Float64Array): void {
    const sums = this.values;
    const deltas = this.deltas;
    const seen = this.seenFlags;
    const counting = counts !== undefined;
    const tally = counts ?? NO_COUNTS; // only written when counting
    for (let p = 0; p < positionCount; p++) {
      const g = groupIds[p];
      if (g < 0) continue;
      seen[g] = 1;
      if (counting) tally[g]++;
      const v = values[p];
      const value = sums[g];
      const corrected = v + deltas[g];
      const updated = value + corrected;
      // A finite result means value, v and delta were all finite: the plain Kahan step. Anything
      // else (a non-finite input or sum, an overflow) takes the exact rules of add().
      if (updated - updated === 0) {
        deltas[g] = corrected - (updated - value);
        sums[g] = updated;
      } else if (!Number.isFinite(v)) sums[g] = value + v;
      else if (Number.isFinite(value)) {
        deltas[g] = corrected - (updated - value);
        sums[g] = updated;
      }
    }
  }

  failed(_g: number): boolean {
    return false;
  }

  seen(g: number): boolean {
    return g < this.seenFlags.length && this.seenFlags[g] === 1;
  }

  /**
   * ES ships (value, delta) from the data node and folds it into a fresh sum on the coordinator,
   * which yields value + delta: that last step decides the final digit (`14.69`, not `14.690000000000001`).
   */
  value(g: number): number {
    const v = this.values[g];
    return Number.isFinite(v) ? v + this.deltas[g] : v;
  }

  estimatedBytes(): number {
    return this.values.byteLength + this.deltas.byteLength + this.seenFlags.byteLength;
  }
}
