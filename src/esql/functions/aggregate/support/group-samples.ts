import { growFloat64, growInt32 } from './growable.js';

/**
 * Every (group, value) pair seen, for the exact quantile aggregates (MEDIAN, PERCENTILE,
 * MEDIAN_ABSOLUTE_DEVIATION). Two flat typed arrays, no object per group. ES uses a t-digest that
 * keeps every sample below 20 * compression values (SortingDigest), so exact quantiles are what ES
 * answers at these sizes.
 */
export class GroupSamples {
  private groups = new Int32Array(0);
  private values = new Float64Array(0);
  private size = 0;

  /** Makes room for `more` further samples. */
  reserve(more: number): void {
    const needed = this.size + more;
    this.groups = growInt32(this.groups, needed);
    this.values = growFloat64(this.values, needed);
  }

  /** Capacity reserved beforehand. */
  add(g: number, v: number): void {
    this.groups[this.size] = g;
    this.values[this.size] = v;
    this.size++;
  }

  /**
   * The samples of groups `0..groupCount)` sorted per group: group g's values are
   * `sorted[offsets[g] .. offsets[g+1])`, ascending. Works on copies: state is untouched.
   */
  sortedByGroup(groupCount: number): { offsets: Int32Array; sorted: Float64Array } {
    const offsets = new Int32Array(groupCount + 1);
    for (let i = 0; i < this.size; i++) {
      const g = this.groups[i];
      if (g < groupCount) offsets[g + 1]++;
    }
    for (let g = 0; g < groupCount; g++) offsets[g + 1] += offsets[g];
    const sorted = new Float64Array(offsets[groupCount]);
    const cursor = offsets.slice(0, groupCount);
    for (let i = 0; i < this.size; i++) {
      const g = this.groups[i];
      if (g < groupCount) sorted[cursor[g]++] = this.values[i];
    }
    for (let g = 0; g < groupCount; g++) sorted.subarray(offsets[g], offsets[g + 1]).sort();
    return { offsets, sorted };
  }

  estimatedBytes(): number {
    return this.groups.byteLength + this.values.byteLength;
  }
}

/**
 * The q-quantile (0..1) of the ascending values `sorted[start..end)`, interpolating linearly
 * between the closest ranks (ES tdigest Dist.quantile). NaN when empty.
 */
export function quantile(sorted: Float64Array, start: number, end: number, q: number): number {
  const length = end - start;
  if (length === 0) return NaN;
  const index = q * (length - 1);
  if (index <= 0) return sorted[start];
  if (index >= length - 1) return sorted[end - 1];
  const low = Math.floor(index);
  const weight = index - low;
  const lowValue = sorted[start + low];
  const highValue = sorted[start + low + 1];
  return lowValue + weight * (highValue - lowValue);
}

/** Median of the absolute deviations from the median (ES InternalMedianAbsoluteDeviation). */
export function medianAbsoluteDeviation(sorted: Float64Array, start: number, end: number): number {
  if (end === start) return NaN;
  const median = quantile(sorted, start, end, 0.5);
  const deviations = new Float64Array(end - start);
  for (let i = start; i < end; i++) deviations[i - start] = Math.abs(median - sorted[i]);
  deviations.sort();
  return quantile(deviations, 0, deviations.length, 0.5);
}
