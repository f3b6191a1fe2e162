import type { AggregateFunctionDefinition } from '../function-definition.js';
import {
  NUMERIC_EXCEPT_UL,
  arityError,
  callText,
  checkType,
  isNumericExceptUnsignedLong,
  resolution,
} from './support/arg-checks.js';
import { WelfordAggregator } from './support/welford-aggregator.js';

/** STD_DEV: population standard deviation, a double. */
export const stdDev: AggregateFunctionDefinition = {
  kind: 'aggregate',
  name: 'std_dev',
  resolve(args, call) {
    const arity = arityError('std_dev', args, 1, 1);
    if (arity !== undefined) return { error: arity };
    return resolution(
      'double',
      checkType(callText('std_dev', args, call), args, 0, isNumericExceptUnsignedLong, NUMERIC_EXCEPT_UL, 'default'),
    );
  },
  inputArgs() {
    return [0];
  },
  aggregator() {
    return new WelfordAggregator(true);
  },
};
