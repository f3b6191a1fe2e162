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

/** VARIANCE (alias STD_VAR): population variance, a double. */
export const variance: AggregateFunctionDefinition = {
  kind: 'aggregate',
  name: 'variance',
  aliases: ['std_var'],
  resolve(args, call) {
    const arity = arityError('variance', args, 1, 1);
    if (arity !== undefined) return { error: arity };
    return resolution(
      'double',
      checkType(callText('variance', args, call), args, 0, isNumericExceptUnsignedLong, NUMERIC_EXCEPT_UL, 'default'),
    );
  },
  inputArgs() {
    return [0];
  },
  aggregator() {
    return new WelfordAggregator(false);
  },
};
