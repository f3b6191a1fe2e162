import type { AggregateFunctionDefinition } from '../function-definition.js';
import {
  arityError,
  callText,
  checkFoldable,
  checkType,
  constantNumber,
  constantNumbers,
  isConstant,
  isNumericExceptUnsignedLong,
  resolution,
} from './support/arg-checks.js';
import { ConstantResultAggregator } from './support/constant-aggregators.js';
import { QuantileAggregator, constantStatistic } from './support/quantile-aggregator.js';

const EXPECTED = 'numeric except unsigned_long';

/**
 * PERCENTILE(x, p): the p-th percentile (0..100, a constant) with linear interpolation between
 * closest ranks, a double. A null percentile gives null.
 */
export const percentile: AggregateFunctionDefinition = {
  kind: 'aggregate',
  name: 'percentile',
  resolve(args, call) {
    const arity = arityError('percentile', args, 2, 2);
    if (arity !== undefined) return { error: arity };
    const text = callText('percentile', args, call);
    return resolution(
      'double',
      checkType(text, args, 0, isNumericExceptUnsignedLong, EXPECTED, 'positional'),
      checkType(text, args, 1, isNumericExceptUnsignedLong, EXPECTED, 'positional'),
      checkFoldable(text, args, 1, 'positional'),
      percentileRangeError(args[1].foldable ? constantNumber(args[1]) : null),
    );
  },
  inputArgs(info) {
    return isConstant(info[0]) ? [] : [0];
  },
  aggregator(info) {
    const p = constantNumber(info[1]);
    if (p === null) return new ConstantResultAggregator('double', null);
    const statistic = { quantile: p / 100 };
    if (isConstant(info[0])) return new ConstantResultAggregator('double', constantStatistic(statistic, constantNumbers(info[0])));
    return new QuantileAggregator(statistic);
  },
};

function percentileRangeError(p: number | null): string | undefined {
  if (p === null || (p >= 0 && p <= 100)) return undefined;
  return `Percentile must be in [0, 100], got [${p}]`;
}
