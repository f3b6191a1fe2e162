import type { BlockEvaluator } from './block-evaluator.js';
import { filterBlock } from './block-filter.js';
import type { Block } from './block.js';
import type { DriverContext, Operator, OperatorFactory } from './operator.js';
import type { Page } from './page.js';
import { PageMappingOperator } from './page-mapping-operator.js';

/**
 * WHERE: keeps the positions whose condition is true. Null and multi-valued conditions drop the row
 * (the evaluator has already warned about multi-values, as ES does).
 */
export class FilterOperator extends PageMappingOperator {
  private positions = new Int32Array(0);

  constructor(private readonly evaluator: BlockEvaluator) {
    super();
  }

  protected process(page: Page): Page | null {
    const n = page.positionCount;
    if (n === 0) return null;
    const cond = this.evaluator.eval(page);
    if (this.positions.length < n) this.positions = new Int32Array(Math.max(n, this.positions.length * 2));
    const count = truePositions(cond, n, this.positions);
    if (count === 0) return null;
    if (count === n) return page;
    const blocks = page.blocks.map((b) => filterBlock(b, this.positions, count));
    return { positionCount: count, blocks };
  }

  toString(): string {
    return `FilterOperator[evaluator=${this.evaluator.toString()}]`;
  }
}

/** Writes into `out` the positions of `cond` that are non-null, single-valued and 1; returns how many. */
export function truePositions(cond: Block, n: number, out: Int32Array): number {
  const values = cond.values as Uint8Array | null;
  if (values === null) return 0;
  const nulls = cond.nulls;
  const f = cond.firstValueIndexes;
  let count = 0;
  if (nulls === undefined && f === undefined) {
    // Branch-free: selectivity is data-dependent, and a mispredicted branch per row costs more than a store.
    for (let p = 0; p < n; p++) {
      out[count] = p;
      count += values[p] & 1;
    }
    return count;
  }
  for (let p = 0; p < n; p++) {
    if (nulls !== undefined && nulls[p] === 1) continue;
    if (f !== undefined) {
      if (f[p + 1] - f[p] !== 1) continue;
      if (values[f[p]] === 1) out[count++] = p;
    } else if (values[p] === 1) out[count++] = p;
  }
  return count;
}

export class FilterOperatorFactory implements OperatorFactory {
  constructor(private readonly evaluator: BlockEvaluator) {}

  get(_ctx: DriverContext): Operator {
    return new FilterOperator(this.evaluator);
  }

  describe(): string {
    return `FilterOperator[evaluator=${this.evaluator.toString()}]`;
  }
}
