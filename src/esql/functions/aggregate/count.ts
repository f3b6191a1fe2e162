import type { Block } from '../../../compute/block.js';
import { BlockBuilder } from '../../../compute/block-builder.js';
import type { GroupingAggregator } from '../../../compute/grouping-aggregator.js';
import type { AggregateFunctionDefinition, ArgInfo } from '../function-definition.js';
import { arityError, constantValues, isConstant, resolution } from './support/arg-checks.js';
import { RowScaledAggregator } from './support/constant-aggregators.js';
import { growFloat64, maxGroupId } from './support/growable.js';

/**
 * COUNT(*) / COUNT() counts rows; COUNT(expr) counts values, each value of a multi-value once, nulls
 * not at all; COUNT(const) is MV_COUNT(const) * COUNT(*). The result is a long, 0 for an empty group.
 */
export class CountAggregator implements GroupingAggregator {
  private counts = new Float64Array(0);

  /** `countRows`: COUNT(*), no input block. */
  constructor(private readonly countRows: boolean) {}

  add(groupIds: Int32Array, inputs: readonly Block[], positionCount: number, groupCount?: number): void {
    this.counts = growFloat64(this.counts, groupCount ?? maxGroupId(groupIds, positionCount) + 1);
    const counts = this.counts;
    if (this.countRows) {
      if (groupCount === 1) counts[0] += rowsInGroupZero(groupIds, positionCount);
      else for (let p = 0; p < positionCount; p++) if (groupIds[p] >= 0) counts[groupIds[p]]++;
      return;
    }
    const block = inputs[0];
    if (block.type === 'null') return;
    const nulls = block.nulls;
    const fvi = block.firstValueIndexes;
    for (let p = 0; p < positionCount; p++) {
      const g = groupIds[p];
      if (g < 0 || (nulls !== undefined && nulls[p] === 1)) continue;
      counts[g] += fvi === undefined ? 1 : fvi[p + 1] - fvi[p];
    }
  }

  evaluate(groupCount: number): Block {
    const b = new BlockBuilder('long', groupCount);
    for (let g = 0; g < groupCount; g++) b.appendNumber(g < this.counts.length ? this.counts[g] : 0);
    return b.build();
  }

  estimatedBytes(): number {
    return this.counts.byteLength;
  }
}

/**
 * How many ids are not negative, all being 0 or -1 (one group, as without BY): counted in a local,
 * since `counts[0]++` per row would wait on its own previous store every row.
 */
function rowsInGroupZero(groupIds: Int32Array, positionCount: number): number {
  let n = 0;
  for (let p = 0; p < positionCount; p++) n += (groupIds[p] >>> 31) ^ 1;
  return n;
}

const countsRows = (info: readonly ArgInfo[]): boolean => info.length === 0;

export const count: AggregateFunctionDefinition = {
  kind: 'aggregate',
  name: 'count',
  resolve(args) {
    return resolution('long', arityError('count', args, 0, 1));
  },
  inputArgs(info) {
    return countsRows(info) || isConstant(info[0]) ? [] : [0];
  },
  aggregator(info) {
    if (countsRows(info)) return new CountAggregator(true);
    if (isConstant(info[0])) return new RowScaledAggregator('long', constantValues(info[0]).length, 0);
    return new CountAggregator(false);
  },
};
