import type { Block } from '../../../../compute/block.js';
import { BlockBuilder } from '../../../../compute/block-builder.js';
import type { GroupingAggregator } from '../../../../compute/grouping-aggregator.js';
import { forEachNumber } from './for-each-value.js';
import { growFloat64, maxGroupId } from './growable.js';

/**
 * Population variance / standard deviation with Welford's online algorithm, the same update ES's
 * WelfordAlgorithm does, so rounding matches. Null for a group without values.
 */
export class WelfordAggregator implements GroupingAggregator {
  private counts = new Float64Array(0);
  private means = new Float64Array(0);
  private m2s = new Float64Array(0);
  private readonly sink = (g: number, v: number): void => {
    const delta = v - this.means[g];
    const n = ++this.counts[g];
    this.means[g] += delta / n;
    this.m2s[g] += delta * (v - this.means[g]);
  };

  /** `standardDeviation`: sqrt of the variance (STD_DEV) rather than the variance (VARIANCE). */
  constructor(private readonly standardDeviation: boolean) {}

  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number): void {
    const n = maxGroupId(groupIds, positionCount) + 1;
    this.counts = growFloat64(this.counts, n);
    this.means = growFloat64(this.means, n);
    this.m2s = growFloat64(this.m2s, n);
    forEachNumber(inputs[0], groupIds, positionCount, this.sink);
  }

  evaluate(groupCount: number): Block {
    const b = new BlockBuilder('double', groupCount);
    for (let g = 0; g < groupCount; g++) {
      if (g >= this.counts.length || this.counts[g] === 0) {
        b.appendNull();
        continue;
      }
      const variance = this.m2s[g] / this.counts[g];
      const v = this.standardDeviation ? Math.sqrt(variance) : variance;
      if (Number.isFinite(v)) b.appendNumber(v);
      else b.appendNull();
    }
    return b.build();
  }

  estimatedBytes(): number {
    return this.counts.byteLength + this.means.byteLength + this.m2s.byteLength;
  }
}
