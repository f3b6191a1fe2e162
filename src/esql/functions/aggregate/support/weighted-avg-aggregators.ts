import type { Block } from '../../../../compute/block.js';
import { BlockBuilder } from '../../../../compute/block-builder.js';
import type { DataType } from '../../../../compute/data-type.js';
import type { GroupingAggregator } from '../../../../compute/grouping-aggregator.js';
import type { FunctionContext } from '../../function-definition.js';
import { FailureReporter } from './failure-reporter.js';
import { forEachNumber } from './for-each-value.js';
import { growFloat64, maxGroupId } from './growable.js';
import { type SumState, newSumState } from './sum-state.js';

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const TWO_POW_63 = 2 ** 63;

/** ES's final Div(..., DOUBLE): a non-finite quotient is `/ by zero` and null. */
function appendQuotient(b: BlockBuilder, dividend: number, divisor: number, failures: FailureReporter): void {
  const q = dividend / divisor;
  if (Number.isFinite(q)) {
    b.appendNumber(q);
    return;
  }
  failures.fail('java.lang.ArithmeticException', '/ by zero');
  b.appendNull();
}

/**
 * WEIGHTED_AVG(x, w) with a non-constant weight, as ES's surrogate
 * `SUM(x * w) / SUM(w)`: the product is a single-value operation (a multi-value on either side makes
 * it null with a warning), while SUM(w) sums every weight value, including rows where x is null.
 */
export class WeightedAvgAggregator implements GroupingAggregator {
  private readonly products: SumState;
  private readonly weights: SumState;
  private readonly productType: DataType;
  private readonly failures: FailureReporter;
  private readonly weightSink = (g: number, w: number): void => {
    if (!this.weights.add(g, w)) this.failures.longOverflow();
  };

  constructor(fieldType: DataType, weightType: DataType, ctx: FunctionContext) {
    this.productType =
      fieldType === 'double' || weightType === 'double'
        ? 'double'
        : fieldType === 'integer' && weightType === 'integer'
          ? 'integer'
          : 'long';
    this.products = newSumState(this.productType);
    this.weights = newSumState(weightType);
    this.failures = new FailureReporter(ctx);
  }

  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number): void {
    const groups = maxGroupId(groupIds, positionCount) + 1;
    this.products.ensureCapacity(groups);
    this.weights.ensureCapacity(groups);
    const field = inputs[0];
    const weight = inputs[1];
    forEachNumber(weight, groupIds, positionCount, this.weightSink);
    if (field.type === 'null' || weight.type === 'null') return;
    const fv = field.values as unknown as ArrayLike<number>;
    const wv = weight.values as unknown as ArrayLike<number>;
    for (let p = 0; p < positionCount; p++) {
      const g = groupIds[p];
      if (g < 0) continue;
      const fi = singleValueIndex(field, p);
      if (fi === NULL_VALUE) continue;
      if (fi === MULTI_VALUE) {
        this.failures.multiValue();
        continue;
      }
      const wi = singleValueIndex(weight, p);
      if (wi === NULL_VALUE) continue;
      if (wi === MULTI_VALUE) {
        this.failures.multiValue();
        continue;
      }
      const product = fv[fi] * wv[wi];
      if (this.productType === 'integer' && (product < INT_MIN || product > INT_MAX)) {
        this.failures.fail('java.lang.ArithmeticException', 'integer overflow');
        continue;
      }
      if (this.productType === 'long' && Math.abs(product) > TWO_POW_63) {
        this.failures.longOverflow();
        continue;
      }
      if (!this.products.add(g, product)) this.failures.longOverflow();
    }
  }

  evaluate(groupCount: number): Block {
    const b = new BlockBuilder('double', groupCount);
    for (let g = 0; g < groupCount; g++) {
      const p = this.products;
      const w = this.weights;
      if (!p.seen(g) || p.failed(g) || !w.seen(g) || w.failed(g)) b.appendNull();
      else appendQuotient(b, p.value(g), w.value(g), this.failures);
    }
    return b.build();
  }

  estimatedBytes(): number {
    return this.products.estimatedBytes() + this.weights.estimatedBytes();
  }
}

const NULL_VALUE = -1;
const MULTI_VALUE = -2;

/** The value index of position p, or NULL_VALUE / MULTI_VALUE. */
function singleValueIndex(b: Block, p: number): number {
  if (b.nulls !== undefined && b.nulls[p] === 1) return NULL_VALUE;
  const f = b.firstValueIndexes;
  if (f === undefined) return p;
  return f[p + 1] - f[p] === 1 ? f[p] : MULTI_VALUE;
}

/**
 * WEIGHTED_AVG(x, const): ES's surrogate is `SUM(x) / COUNT(x)` (the weight cancels out), with
 * SUM's long overflow.
 */
export class SumOverCountAggregator implements GroupingAggregator {
  private readonly sums: SumState;
  private counts = new Float64Array(0);
  private readonly failures: FailureReporter;
  private readonly sink = (g: number, v: number): void => {
    this.counts[g]++;
    if (!this.sums.add(g, v)) this.failures.longOverflow();
  };

  constructor(fieldType: DataType, ctx: FunctionContext) {
    this.sums = newSumState(fieldType);
    this.failures = new FailureReporter(ctx);
  }

  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number): void {
    const groups = maxGroupId(groupIds, positionCount) + 1;
    this.sums.ensureCapacity(groups);
    this.counts = growFloat64(this.counts, groups);
    forEachNumber(inputs[0], groupIds, positionCount, this.sink);
  }

  evaluate(groupCount: number): Block {
    const b = new BlockBuilder('double', groupCount);
    for (let g = 0; g < groupCount; g++) {
      if (g >= this.counts.length || this.counts[g] === 0 || this.sums.failed(g)) b.appendNull();
      else appendQuotient(b, this.sums.value(g), this.counts[g], this.failures);
    }
    return b.build();
  }

  estimatedBytes(): number {
    return this.sums.estimatedBytes() + this.counts.byteLength;
  }
}
