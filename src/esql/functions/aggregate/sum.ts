import type { Block } from '../../../compute/block.js';
import { BlockBuilder } from '../../../compute/block-builder.js';
import type { DataType } from '../../../compute/data-type.js';
import type { GroupingAggregator } from '../../../compute/grouping-aggregator.js';
import type { PlainSum } from '../../../compute/plain-sums.js';
import type { AggregateFunctionDefinition, FunctionContext } from '../function-definition.js';
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
import { RowScaledAggregator } from './support/constant-aggregators.js';
import { FailureReporter } from './support/failure-reporter.js';
import { forEachNumber, isPlainNumeric } from './support/for-each-value.js';
import { LongSums } from './support/long-sums.js';
import { maxGroupId } from './support/growable.js';
import { type SumState, newSumState, sumType } from './support/sum-state.js';

const MAX_LONG_AS_DOUBLE = 2 ** 63;
const NO_DELTAS = new Float64Array(0);

/**
 * SUM: integer and long sum exactly into a long (overflow gives null and `long overflow`, as ES's
 * SumLongAggregator); double sums with Kahan compensation. Null for a group without values.
 */
export class SumAggregator implements GroupingAggregator, PlainSum {
  private readonly state: SumState;
  private readonly failures: FailureReporter;
  private readonly sink = (g: number, v: number): void => {
    if (!this.state.add(g, v)) this.failures.longOverflow();
  };
  readonly exact: boolean;

  constructor(
    private readonly inputType: DataType,
    ctx: FunctionContext,
  ) {
    this.state = newSumState(inputType);
    this.exact = this.state instanceof LongSums;
    this.failures = new FailureReporter(ctx);
  }

  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number, groupCount?: number): void {
    this.state.ensureCapacity(groupCount ?? maxGroupId(groupIds, positionCount) + 1);
    const block = inputs[0];
    if (isPlainNumeric(block)) {
      // One typed loop instead of a callback per value; the same adds, so the same sums and overflows.
      this.addRest(groupIds, block.values as ArrayLike<number>, 0, positionCount);
      return;
    }
    forEachNumber(block, groupIds, positionCount, this.sink);
  }

  plainSum(input: Block, groupCount: number): PlainSum | null {
    const state = this.state;
    if (!isPlainNumeric(input) || (state instanceof LongSums && !state.fusable())) return null;
    state.ensureCapacity(groupCount);
    return this;
  }

  get sums(): Float64Array {
    return this.state.sums;
  }

  get deltas(): Float64Array {
    return this.state instanceof LongSums ? NO_DELTAS : this.state.deltas;
  }

  get counts(): Float64Array {
    return this.state.counts;
  }

  addRest(groupIds: Int32Array, values: ArrayLike<number>, from: number, positionCount: number): void {
    const state = this.state;
    if (state instanceof LongSums) {
      if (state.addPlain(groupIds, values, from, positionCount) > 0) this.failures.longOverflow();
    } else state.addPlain(groupIds, values, from, positionCount);
  }

  evaluate(groupCount: number): Block {
    const type = sumType(this.inputType) as DataType;
    const b = new BlockBuilder(type, groupCount);
    for (let g = 0; g < groupCount; g++) {
      if (type === 'null' || !this.state.seen(g) || this.state.failed(g)) b.appendNull();
      else b.appendNumber(this.state.value(g));
    }
    return b.build();
  }

  estimatedBytes(): number {
    return this.state.estimatedBytes();
  }
}

export const sum: AggregateFunctionDefinition = {
  kind: 'aggregate',
  name: 'sum',
  resolve(args, call) {
    const arity = arityError('sum', args, 1, 1);
    if (arity !== undefined) return { error: arity };
    return resolution(
      sumType(args[0].type),
      checkType(callText('sum', args, call), args, 0, isNumericExceptUnsignedLong, NUMERIC_EXCEPT_UL, 'default'),
    );
  },
  inputArgs(info) {
    return isConstant(info[0]) ? [] : [0];
  },
  aggregator(info, ctx) {
    const type = info[0].type as DataType;
    if (!isConstant(info[0])) return new SumAggregator(type, ctx);
    // SUM(const) = MV_SUM(const) * COUNT(*).
    const values = constantNumbers(info[0]);
    const resultType = sumType(type) as DataType;
    if (values.length === 0 || resultType === 'null') return new RowScaledAggregator(resultType, null, null);
    const failures = new FailureReporter(ctx);
    const whole = resultType === 'long';
    let mvSum = 0;
    for (const v of values) mvSum += v;
    return new RowScaledAggregator(resultType, mvSum, null, (product) => {
      if (whole && Math.abs(product) >= MAX_LONG_AS_DOUBLE && product !== mvSum) {
        failures.longOverflow();
        return null;
      }
      return product;
    });
  },
};
