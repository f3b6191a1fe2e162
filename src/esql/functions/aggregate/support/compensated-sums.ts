import { growFloat64 } from './growable.js';

/**
 * Per-group Kahan sums of doubles, as ES's SumDoubleAggregator (CompensatedSum), so results match
 * ES to the last digit (`3.1599999999999984`, not `3.16`). Non-finite values are added plainly,
 * and a non-finite sum stays as it is. Each group also counts its values (AVG divides by it).
 * The arrays are public for HashAggregationOperator's fused loop (compute/plain-sums.ts), which
 * takes the same plain Kahan steps; they are replaced when they grow.
 */
export class CompensatedSums {
  sums = new Float64Array(0);
  deltas = new Float64Array(0);
  counts = new Float64Array(0);

  ensureCapacity(groupCount: number): void {
    this.sums = growFloat64(this.sums, groupCount);
    this.deltas = growFloat64(this.deltas, groupCount);
    this.counts = growFloat64(this.counts, groupCount);
  }

  /** Always true: a double sum never fails (same shape as LongSums.add). */
  add(g: number, v: number): boolean {
    this.counts[g]++;
    if (!Number.isFinite(v)) {
      this.sums[g] += v;
      return true;
    }
    const value = this.sums[g];
    if (!Number.isFinite(value)) return true;
    const corrected = v + this.deltas[g];
    const updated = value + corrected;
    this.deltas[g] = corrected - (updated - value);
    this.sums[g] = updated;
    return true;
  }

  /**
   * `add` for positions `from..positionCount)` of a single-valued, null-free column: one loop, no
   * callback per value (the hot path of SUM and AVG). Negative group ids are skipped (the
   * aggregate's WHERE was not true).
   */
  addPlain(groupIds: Int32Array, values: ArrayLike<number>, from: number, positionCount: number): void {
    const sums = this.sums;
    const deltas = this.deltas;
    const counts = this.counts;
    for (let p = from; p < positionCount; p++) {
      const g = groupIds[p];
      if (g < 0) continue;
      counts[g]++;
      const v = values[p];
      const value = sums[g];
      const corrected = v + deltas[g];
      const updated = value + corrected;
      // A finite result means value, v and delta were all finite: the plain Kahan step. Anything
      // else (a non-finite input or sum, an overflow) takes the exact rules of add().
      if (updated - updated === 0) {
        deltas[g] = corrected - (updated - value);
        sums[g] = updated;
      } else this.addNonFinite(g, v);
    }
  }

  /** add()'s rules, uncounted, for a step whose plain Kahan result is not finite (out of the hot loop). */
  private addNonFinite(g: number, v: number): void {
    const value = this.sums[g];
    if (!Number.isFinite(v)) this.sums[g] = value + v;
    else if (Number.isFinite(value)) {
      const corrected = v + this.deltas[g];
      const updated = value + corrected;
      this.deltas[g] = corrected - (updated - value);
      this.sums[g] = updated;
    }
  }

  failed(_g: number): boolean {
    return false;
  }

  seen(g: number): boolean {
    return this.count(g) > 0;
  }

  /** How many values group g has had. */
  count(g: number): number {
    return g < this.counts.length ? this.counts[g] : 0;
  }

  /**
   * ES ships (value, delta) from the data node and folds it into a fresh sum on the coordinator,
   * which yields value + delta: that last step decides the final digit (`14.69`, not `14.690000000000001`).
   */
  value(g: number): number {
    const v = this.sums[g];
    return Number.isFinite(v) ? v + this.deltas[g] : v;
  }

  estimatedBytes(): number {
    return this.sums.byteLength + this.deltas.byteLength + this.counts.byteLength;
  }
}
