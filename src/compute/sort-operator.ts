import type { DriverContext, Operator, OperatorFactory } from './operator.js';
import { describeSortKeys, type SortKey } from './sort-buffer.js';
import { TopNOperator } from './top-n-operator.js';

/**
 * SORT without a LIMIT after it: a TopN that keeps every row. It buffers everything (memory reserved
 * through the BlockFactory, so a too-large sort fails with circuit_breaking_exception) and emits the
 * rows sorted after finish(); with no limit, TopN never cuts its buffer back.
 */
export class SortOperator extends TopNOperator {
  constructor(ctx: DriverContext, keys: readonly SortKey[]) {
    super(ctx, keys, Number.POSITIVE_INFINITY);
  }

  override toString(): string {
    return `SortOperator[sortOrders = ${describeSortKeys(this.keys)}]`;
  }
}

export class SortOperatorFactory implements OperatorFactory {
  constructor(readonly keys: readonly SortKey[]) {}

  get(ctx: DriverContext): Operator {
    return new SortOperator(ctx, this.keys);
  }

  describe(): string {
    return `SortOperator[sortOrders = ${describeSortKeys(this.keys)}]`;
  }
}
