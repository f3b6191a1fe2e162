import { growFloat64, growUint8 } from './growable.js';

const MAX_LONG = (1n << 63n) - 1n;
const MIN_LONG = -(1n << 63n);
const TWO_POW_63 = 2 ** 63;

/**
 * Exact per-group sums of integer/long values, as ES's SumLongAggregator: a sum outside the long
 * range fails that group (null result plus `long overflow`).
 *
 * Longs travel as integral doubles (exact to 2^53). Sums stay in the Float64Array while they are
 * safe integers; a group that grows past that moves to a bigint (rare), so it stays exact up to
 * the long range and overflow is detected exactly. Each group also counts its values (a group
 * without any has a null sum). `sums` and `counts` are public for HashAggregationOperator's fused
 * loop (compute/plain-sums.ts) while fusable(); they are replaced when they grow.
 */
export class LongSums {
  sums = new Float64Array(0);
  counts = new Float64Array(0);
  private failedFlags = new Uint8Array(0);
  private big: Map<number, bigint> | null = null;
  /** Whether some group has failed (set with failedFlags, never cleared). */
  private anyFailed = false;

  ensureCapacity(groupCount: number): void {
    this.sums = growFloat64(this.sums, groupCount);
    this.counts = growFloat64(this.counts, groupCount);
    this.failedFlags = growUint8(this.failedFlags, groupCount);
  }

  /** Adds `v` to group `g` (capacity already ensured). Returns false when this add overflowed. */
  add(g: number, v: number): boolean {
    this.counts[g]++;
    if (this.failedFlags[g] === 1) return true;
    const big = this.big === null ? undefined : this.big.get(g);
    if (big === undefined) {
      const s = this.sums[g] + v;
      if (s <= Number.MAX_SAFE_INTEGER && s >= -Number.MAX_SAFE_INTEGER) {
        this.sums[g] = s;
        return true;
      }
      return this.addBig(g, BigInt(this.sums[g]), v);
    }
    return this.addBig(g, big, v);
  }

  /** Whether every sum is a plain safe integer (no bigint, no failure): the fused loop's precondition. */
  fusable(): boolean {
    return this.big === null && !this.anyFailed;
  }

  /**
   * `add` for positions `start..positionCount)` of a single-valued, null-free column: one loop, no
   * callback per value (the hot path of SUM). Negative group ids are skipped. Returns how many adds
   * overflowed.
   */
  addPlain(groupIds: Int32Array, values: ArrayLike<number>, start: number, positionCount: number): number {
    const sums = this.sums;
    const counts = this.counts;
    const failed = this.failedFlags;
    let from = start;
    if (this.fusable()) {
      // The hot loop while every sum is a safe integer and none failed: no bigint lookup nor failure
      // check per row. It stops at the first add that leaves the safe range; the general loop below
      // takes over from that row.
      for (; from < positionCount; from++) {
        const g = groupIds[from];
        if (g < 0) continue;
        const s = sums[g] + values[from];
        if (s > Number.MAX_SAFE_INTEGER || s < -Number.MAX_SAFE_INTEGER) break;
        sums[g] = s;
        counts[g]++;
      }
    }
    let overflows = 0;
    for (let p = from; p < positionCount; p++) {
      const g = groupIds[p];
      if (g < 0) continue;
      counts[g]++;
      if (failed[g] === 1) continue;
      const big = this.big === null ? undefined : this.big.get(g);
      const v = values[p];
      if (big !== undefined) {
        if (!this.addBig(g, big, v)) overflows++;
        continue;
      }
      const s = sums[g] + v;
      if (s <= Number.MAX_SAFE_INTEGER && s >= -Number.MAX_SAFE_INTEGER) sums[g] = s;
      else if (!this.addBig(g, BigInt(sums[g]), v)) overflows++;
    }
    return overflows;
  }

  private addBig(g: number, current: bigint, v: number): boolean {
    const s = current + toLongBigInt(v);
    if (s > MAX_LONG || s < MIN_LONG) {
      this.failedFlags[g] = 1;
      this.anyFailed = true;
      this.big?.delete(g);
      return false;
    }
    if (this.big === null) this.big = new Map();
    this.big.set(g, s);
    return true;
  }

  /** Marks a group failed without a value (an input that already failed upstream). */
  fail(g: number): void {
    this.counts[g]++;
    this.failedFlags[g] = 1;
    this.anyFailed = true;
  }

  seen(g: number): boolean {
    return g < this.counts.length && this.counts[g] > 0;
  }

  failed(g: number): boolean {
    return g < this.failedFlags.length && this.failedFlags[g] === 1;
  }

  /** The sum as a double (exact up to 2^53, as every long in a Block). */
  value(g: number): number {
    const big = this.big === null ? undefined : this.big.get(g);
    return big === undefined ? this.sums[g] : Number(big);
  }

  estimatedBytes(): number {
    return this.sums.byteLength + this.counts.byteLength + this.failedFlags.byteLength + (this.big === null ? 0 : this.big.size * 48);
  }
}

/**
 * A long carried as a double: 2^63 is how Long.MAX_VALUE rounds, so it stands for that value
 * rather than for an out-of-range number.
 */
export function toLongBigInt(v: number): bigint {
  if (v >= TWO_POW_63) return MAX_LONG;
  if (v <= -TWO_POW_63) return MIN_LONG;
  return BigInt(v);
}
