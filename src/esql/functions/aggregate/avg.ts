import { numericDoubleAggregate } from './support/numeric-double-aggregate.js';
import type { Block } from '../../../compute/block.js';
import { BlockBuilder } from '../../../compute/block-builder.js';
import type { GroupingAggregator } from '../../../compute/grouping-aggregator.js';
import type { PlainSum } from '../../../compute/plain-sums.js';
import type { AggregateFunctionDefinition } from '../function-definition.js';
import { CompensatedSums } from './support/compensated-sums.js';
import { forEachNumber, isPlainNumeric } from './support/for-each-value.js';
import { maxGroupId } from './support/growable.js';

/**
 * AVG is ES's SUM / COUNT over doubles: the sum is a Kahan double sum even for longs, so an average
 * of huge longs never overflows (`9.223372036854776E18`). Null for a group without values.
 */
export class AvgAggregator implements GroupingAggregator, PlainSum {
  private readonly state = new CompensatedSums();
  private readonly sink = (g: number, v: number): void => {
    this.state.add(g, v);
  };
  readonly exact = false;

  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number, groupCount?: number): void {
    this.state.ensureCapacity(groupCount ?? maxGroupId(groupIds, positionCount) + 1);
    const block = inputs[0];
    if (isPlainNumeric(block)) {
      // One typed loop instead of a callback per value: the same Kahan adds, counting as it goes.
      this.state.addPlain(groupIds, block.values as ArrayLike<number>, 0, positionCount);
      return;
    }
    forEachNumber(block, groupIds, positionCount, this.sink);
  }

  plainSum(input: Block, groupCount: number): PlainSum | null {
    if (!isPlainNumeric(input)) return null;
    this.state.ensureCapacity(groupCount);
    return this;
  }

  get sums(): Float64Array {
    return this.state.sums;
  }

  get deltas(): Float64Array {
    return this.state.deltas;
  }

  get counts(): Float64Array {
    return this.state.counts;
  }

  addRest(groupIds: Int32Array, values: ArrayLike<number>, from: number, positionCount: number): void {
    this.state.addPlain(groupIds, values, from, positionCount);
  }

  evaluate(groupCount: number): Block {
    const b = new BlockBuilder('double', groupCount);
    for (let g = 0; g < groupCount; g++) {
      const count = this.state.count(g);
      if (count === 0) b.appendNull();
      else b.appendNumber(this.state.value(g) / count);
    }
    return b.build();
  }

  estimatedBytes(): number {
    return this.state.estimatedBytes();
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
