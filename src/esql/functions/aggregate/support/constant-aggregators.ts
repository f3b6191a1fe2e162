import type { Block } from '../../../../compute/block.js';
import { constantNullBlock } from '../../../../compute/block.js';
import { BlockBuilder } from '../../../../compute/block-builder.js';
import type { DataType } from '../../../../compute/data-type.js';
import type { GroupingAggregator } from '../../../../compute/grouping-aggregator.js';
import { growFloat64, maxGroupId } from './growable.js';

/**
 * ES rewrites an aggregate of a constant into a scalar of that constant (`AVG([1, 2])` is
 * `MV_AVG([1, 2])`): every group gets the same value, however many rows it has.
 */
export class ConstantResultAggregator implements GroupingAggregator {
  constructor(
    private readonly type: DataType,
    private readonly value: number | null,
  ) {}

  add(): void {}

  evaluate(groupCount: number): Block {
    if (this.value === null || this.type === 'null') return constantNullBlock(this.type, groupCount);
    const b = new BlockBuilder(this.type, groupCount);
    for (let g = 0; g < groupCount; g++) b.appendNumber(this.value);
    return b.build();
  }

  estimatedBytes(): number {
    return 16;
  }
}

/**
 * `COUNT(const)` and `SUM(const)`: ES computes `MV_COUNT(const) * COUNT(*)` and
 * `MV_SUM(const) * COUNT(*)`, so only the rows per group matter. A null constant gives `ifNull`.
 */
export class RowScaledAggregator implements GroupingAggregator {
  private rows = new Float64Array(0);

  /** `onResult` may turn a product into null (overflow) by returning null. */
  constructor(
    private readonly type: DataType,
    private readonly factor: number | null,
    private readonly ifNull: number | null,
    private readonly onResult: (product: number) => number | null = (x) => x,
  ) {}

  add(groupIds: Int32Array, _inputs: readonly Block[], positionCount: number): void {
    this.rows = growFloat64(this.rows, maxGroupId(groupIds, positionCount) + 1);
    for (let p = 0; p < positionCount; p++) {
      const g = groupIds[p];
      if (g >= 0) this.rows[g]++;
    }
  }

  evaluate(groupCount: number): Block {
    const b = new BlockBuilder(this.type, groupCount);
    for (let g = 0; g < groupCount; g++) {
      const rows = g < this.rows.length ? this.rows[g] : 0;
      const v = this.factor === null ? this.ifNull : this.onResult(this.factor * rows);
      if (v === null || this.type === 'null') b.appendNull();
      else b.appendNumber(v);
    }
    return b.build();
  }

  estimatedBytes(): number {
    return this.rows.byteLength;
  }
}
