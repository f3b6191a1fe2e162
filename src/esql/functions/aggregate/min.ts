import type { DataType } from '../../../compute/data-type.js';
import type { AggregateFunctionDefinition } from '../function-definition.js';
import { arityError, callText, checkType, outputTypeOf, resolution } from './support/arg-checks.js';
import { extremumAggregator, isOrderedType } from './support/extremum-aggregators.js';

/** MIN: the smallest value per group, in the type's own order (ip, version, UTF-8 for strings). */
export const min: AggregateFunctionDefinition = {
  kind: 'aggregate',
  name: 'min',
  resolve(args, call) {
    const arity = arityError('min', args, 1, 1);
    if (arity !== undefined) return { error: arity };
    const expected = 'boolean, date, ip, string, version or numeric except counter types';
    return resolution(
      outputTypeOf(args[0].type),
      checkType(callText('min', args, call), args, 0, isOrderedType, expected, 'default'),
    );
  },
  inputArgs() {
    return [0];
  },
  aggregator(info) {
    return extremumAggregator(info[0].type as DataType, -1);
  },
};
