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

const MEDIAN = { quantile: 0.5 } as const;

/** MEDIAN = PERCENTILE(x, 50), a double. */
export const median: AggregateFunctionDefinition = {
  kind: 'aggregate',
  name: 'median',
  resolve(args, call) {
    const arity = arityError('median', args, 1, 1);
    if (arity !== undefined) return { error: arity };
    return resolution(
      'double',
      checkType(callText('median', args, call), args, 0, isNumericExceptUnsignedLong, NUMERIC_EXCEPT_UL, 'default'),
    );
  },
  inputArgs(info) {
    return isConstant(info[0]) ? [] : [0];
  },
  aggregator(info) {
    if (isConstant(info[0])) return new ConstantResultAggregator('double', constantStatistic(MEDIAN, constantNumbers(info[0])));
    return new QuantileAggregator(MEDIAN);
  },
};
