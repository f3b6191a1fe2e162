import type { GroupingAggregator } from '../../../../compute/grouping-aggregator.js';
import type { AggregateFunctionDefinition } from '../../function-definition.js';
import {
  NUMERIC_EXCEPT_UL,
  arityError,
  callText,
  checkType,
  constantNumbers,
  isConstant,
  isNumericExceptUnsignedLong,
  resolution,
} from './arg-checks.js';
import { ConstantResultAggregator } from './constant-aggregators.js';

export interface NumericDoubleAggregateSpec {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** A fresh aggregator over the evaluated argument. */
  create(): GroupingAggregator;
  /**
   * The answer for a constant argument, which ES folds instead of aggregating (AVG(2) is 2 in every
   * group). Absent: a constant is aggregated row by row like any other input.
   */
  readonly ofConstant?: (values: readonly number[]) => number | null;
}

/**
 * The shape shared by AVG, MEDIAN, MEDIAN_ABSOLUTE_DEVIATION, STD_DEV and VARIANCE: one numeric
 * argument (not unsigned_long), a double result, ES's argument errors.
 */
export function numericDoubleAggregate(spec: NumericDoubleAggregateSpec): AggregateFunctionDefinition {
  const folds = (info: Parameters<NonNullable<AggregateFunctionDefinition['inputArgs']>>[0]) =>
    spec.ofConstant !== undefined && isConstant(info[0]);
  return {
    kind: 'aggregate',
    name: spec.name,
    ...(spec.aliases === undefined ? {} : { aliases: spec.aliases }),
    resolve(args, call) {
      const arity = arityError(spec.name, args, 1, 1);
      if (arity !== undefined) return { error: arity };
      return resolution(
        'double',
        checkType(callText(spec.name, args, call), args, 0, isNumericExceptUnsignedLong, NUMERIC_EXCEPT_UL, 'default'),
      );
    },
    inputArgs(info) {
      return folds(info) ? [] : [0];
    },
    aggregator(info) {
      if (folds(info)) return new ConstantResultAggregator('double', spec.ofConstant!(constantNumbers(info[0])));
      return spec.create();
    },
  };
}
