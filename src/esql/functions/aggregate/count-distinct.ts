import type { Block } from '../../../compute/block.js';
import { BlockBuilder } from '../../../compute/block-builder.js';
import type { AnyType, DataType } from '../../../compute/data-type.js';
import type { GroupingAggregator } from '../../../compute/grouping-aggregator.js';
import type { AggregateFunctionDefinition } from '../function-definition.js';
import {
  arityError,
  callText,
  checkFoldable,
  checkType,
  constantNumber,
  constantValues,
  isConstant,
  resolution,
} from './support/arg-checks.js';
import { ConstantResultAggregator } from './support/constant-aggregators.js';
import { DistinctValues } from './support/distinct-values.js';
import { DEFAULT_PRECISION_THRESHOLD, cardinality, precisionFromThreshold } from './support/hyper-log-log.js';

/**
 * COUNT_DISTINCT(x[, precision]): distinct values per group, a long (0 for an empty group). Exact
 * sets, reported the way ES's HyperLogLog++ would: exact up to the precision's linear-counting
 * threshold (3072 distinct values by default), ES's estimate beyond (`COUNT_DISTINCT(ip1, 5)` is 9
 * for 8 addresses, as in ES).
 */
export class CountDistinctAggregator implements GroupingAggregator {
  private readonly distinct = new DistinctValues();
  private readonly precision: number;

  constructor(
    private readonly type: DataType,
    precisionThreshold: number | null,
  ) {
    this.precision = precisionFromThreshold(precisionThreshold ?? DEFAULT_PRECISION_THRESHOLD);
  }

  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number): void {
    this.distinct.add(groupIds, inputs[0], positionCount);
  }

  evaluate(groupCount: number): Block {
    const b = new BlockBuilder('long', groupCount);
    for (let g = 0; g < groupCount; g++) {
      const set = this.distinct.of(g);
      b.appendNumber(set === undefined ? 0 : cardinality(set, this.type, this.precision));
    }
    return b.build();
  }

  estimatedBytes(): number {
    return this.distinct.estimatedBytes();
  }
}

const isDistinctType = (t: AnyType): boolean => t !== 'unsigned_long' && t !== 'date_period' && t !== 'time_duration';
const isWholeNumber = (t: AnyType): boolean => t === 'integer' || t === 'long' || t === 'unsigned_long';

export const countDistinct: AggregateFunctionDefinition = {
  kind: 'aggregate',
  name: 'count_distinct',
  resolve(args, call) {
    const arity = arityError('count_distinct', args, 1, 2);
    if (arity !== undefined) return { error: arity };
    const text = callText('count_distinct', args, call);
    const expected = 'any exact type except unsigned_long, _source, or counter types';
    return resolution(
      'long',
      checkType(text, args, 0, isDistinctType, expected, 'default'),
      args.length > 1 ? checkType(text, args, 1, isWholeNumber, 'integer', 'positional') : undefined,
      args.length > 1 ? checkFoldable(text, args, 1, 'positional') : undefined,
    );
  },
  inputArgs(info) {
    return isConstant(info[0]) ? [] : [0];
  },
  aggregator(info) {
    if (!isConstant(info[0])) return new CountDistinctAggregator(info[0].type as DataType, constantNumber(info[1]));
    // ES: TO_LONG(COALESCE(MV_COUNT(MV_DEDUPE(const)), 0)), whatever the rows.
    return new ConstantResultAggregator('long', new Set(constantValues(info[0])).size);
  },
};
