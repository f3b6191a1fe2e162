import type { DataType } from '../../../compute/data-type.js';
import type { AggregateFunctionDefinition } from '../function-definition.js';
import { mvAvg } from './avg.js';
import {
  NUMERIC_EXCEPT_UL,
  arityError,
  callText,
  checkType,
  constantNumbers,
  isConstant,
  isNumericExceptUnsignedLong,
  resolution,
} from './support/arg-checks.js';
import { ConstantResultAggregator } from './support/constant-aggregators.js';
import { SumOverCountAggregator, WeightedAvgAggregator } from './support/weighted-avg-aggregators.js';

/**
 * WEIGHTED_AVG(x, w), a double. A constant x is MV_AVG(x); a constant w cancels out (SUM(x) / COUNT(x));
 * otherwise SUM(x * w) / SUM(w). A null or zero constant weight is rejected, as ES does.
 */
export const weightedAvg: AggregateFunctionDefinition = {
  kind: 'aggregate',
  name: 'weighted_avg',
  resolve(args, call) {
    const arity = arityError('weighted_avg', args, 2, 2);
    if (arity !== undefined) return { error: arity };
    const text = callText('weighted_avg', args, call);
    const problem =
      checkType(text, args, 0, isNumericExceptUnsignedLong, NUMERIC_EXCEPT_UL, 'positional') ??
      checkType(text, args, 1, isNumericExceptUnsignedLong, NUMERIC_EXCEPT_UL, 'positional');
    if (problem !== undefined) return { error: problem };
    const w = args[1];
    if (w.type === 'null') return { error: `second argument of [${text}] cannot be null or 0, received [null]` };
    if (w.foldable && (w.value === null || w.value === 0 || w.value === 0n)) {
      return { error: `second argument of [${text}] cannot be null or 0, received [${String(w.value)}]` };
    }
    return resolution('double');
  },
  inputArgs(info) {
    if (isConstant(info[0])) return [];
    return isConstant(info[1]) ? [0] : [0, 1];
  },
  aggregator(info, ctx) {
    if (isConstant(info[0])) return new ConstantResultAggregator('double', mvAvg(constantNumbers(info[0])));
    const fieldType = info[0].type as DataType;
    if (isConstant(info[1])) return new SumOverCountAggregator(fieldType, ctx);
    return new WeightedAvgAggregator(fieldType, info[1].type as DataType, ctx);
  },
};
