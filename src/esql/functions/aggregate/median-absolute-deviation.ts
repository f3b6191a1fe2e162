import type { AggregateFunctionDefinition } from '../function-definition.js';
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
import { QuantileAggregator, constantStatistic } from './support/quantile-aggregator.js';

/** MEDIAN_ABSOLUTE_DEVIATION: median(|x - median(x)|), a double. */
export const medianAbsoluteDeviation: AggregateFunctionDefinition = {
  kind: 'aggregate',
  name: 'median_absolute_deviation',
  resolve(args, call) {
    const name = 'median_absolute_deviation';
    const arity = arityError(name, args, 1, 1);
    if (arity !== undefined) return { error: arity };
    return resolution(
      'double',
      checkType(callText(name, args, call), args, 0, isNumericExceptUnsignedLong, NUMERIC_EXCEPT_UL, 'default'),
    );
  },
  inputArgs(info) {
    return isConstant(info[0]) ? [] : [0];
  },
  aggregator(info) {
    const statistic = 'median_absolute_deviation';
    if (isConstant(info[0])) {
      return new ConstantResultAggregator('double', constantStatistic(statistic, constantNumbers(info[0])));
    }
    return new QuantileAggregator(statistic);
  },
};
