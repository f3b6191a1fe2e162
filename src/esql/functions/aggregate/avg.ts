import { numericDoubleAggregate } from './support/numeric-double-aggregate.js';
import type { Block } from '../../../compute/block.js';
import { BlockBuilder } from '../../../compute/block-builder.js';
import type { GroupingAggregator } from '../../../compute/grouping-aggregator.js';
import type { AggregateFunctionDefinition } from '../function-definition.js';
import { CompensatedSums } from './support/compensated-sums.js';
import { forEachNumber, isPlainNumeric } from './support/for-each-value.js';
import { growFloat64, maxGroupId } from './support/growable.js';

/**
 * AVG is ES's SUM / COUNT over doubles: the sum is a Kahan double sum even for longs, so an average
 * of huge longs never overflows (`9.223372036854776E18`). Null for a group without values.
 */
export class AvgAggregator implements GroupingAggregator {
  private readonly sums = new CompensatedSums();
  private counts = new Float64Array(0);
  private readonly sink = (g: number, v: number): void => {
    this.sums.add(g, v);
    this.counts[g]++;
  };

  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number, groupCount?: number): void {
    const groups = groupCount ?? maxGroupId(groupIds, positionCount) + 1;
    this.sums.ensureCapacity(groups);
    this.counts = growFloat64(this.counts, groups);
    const block = inputs[0];
    if (isPlainNumeric(block)) {
      // One typed loop instead of a callback per value: the same Kahan adds, counting as it goes.
      this.sums.addPlain(groupIds, block.values as ArrayLike<number>, positionCount, this.counts);
      return;
    }
    forEachNumber(block, groupIds, positionCount, this.sink);
  }

  evaluate(groupCount: number): Block {
    const b = new BlockBuilder('double', groupCount);
    for (let g = 0; g < groupCount; g++) {
      if (g >= this.counts.length || this.counts[g] === 0) b.appendNull();
      else b.appendNumber(this.sums.value(g) / this.counts[g]);
    }
    return b.build();
  }

  estimatedBytes(): number {
    return this.sums.estimatedBytes() + this.counts.byteLength;
  }
}

/** MV_AVG of a constant (the value ES's surrogate gives for AVG(const)); null when empty. */
export function mvAvg(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

export const avg: AggregateFunctionDefinition = numericDoubleAggregate({
  name: 'avg',
  create: () => new AvgAggregator(),
  ofConstant: mvAvg,
});
