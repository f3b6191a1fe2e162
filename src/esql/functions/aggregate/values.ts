import type { Block } from '../../../compute/block.js';
import { BlockBuilder } from '../../../compute/block-builder.js';
import type { DataType } from '../../../compute/data-type.js';
import type { GroupingAggregator } from '../../../compute/grouping-aggregator.js';
import type { AggregateFunctionDefinition } from '../function-definition.js';
import { arityError, callText, checkType, outputTypeOf, resolution } from './support/arg-checks.js';
import { DistinctValues } from './support/distinct-values.js';

/**
 * VALUES: the distinct values of each group as a multi-value, in the order first seen (ES gives
 * no order guarantee; tests that care use MV_SORT). Null for a group without values.
 */
export class ValuesAggregator implements GroupingAggregator {
  private readonly distinct = new DistinctValues();
  private readonly outputType: DataType;

  constructor(inputType: DataType) {
    this.outputType = outputTypeOf(inputType) as DataType;
  }

  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number): void {
    this.distinct.add(groupIds, inputs[0], positionCount);
  }

  evaluate(groupCount: number): Block {
    const b = new BlockBuilder(this.outputType, groupCount);
    for (let g = 0; g < groupCount; g++) {
      const set = this.distinct.of(g);
      if (set === undefined || set.size === 0 || this.outputType === 'null') {
        b.appendNull();
        continue;
      }
      b.beginPositionEntry();
      for (const v of set) {
        if (typeof v === 'string') b.appendString(v);
        else if (typeof v === 'bigint') b.appendBigInt(v);
        else b.appendNumber(v);
      }
      b.endPositionEntry();
    }
    return b.build();
  }

  estimatedBytes(): number {
    return this.distinct.estimatedBytes();
  }
}

const isValuesType = (t: string): boolean => t !== 'date_period' && t !== 'time_duration';

export const values: AggregateFunctionDefinition = {
  kind: 'aggregate',
  name: 'values',
  resolve(args, call) {
    const arity = arityError('values', args, 1, 1);
    if (arity !== undefined) return { error: arity };
    const expected = 'any type except counter types';
    return resolution(outputTypeOf(args[0].type), checkType(callText('values', args, call), args, 0, isValuesType, expected, 'default'));
  },
  inputArgs() {
    return [0];
  },
  aggregator(info) {
    return new ValuesAggregator(info[0].type as DataType);
  },
};
