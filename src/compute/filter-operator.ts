import type { BlockEvaluator } from './block-evaluator.js';
import { filterBlock } from './block-filter.js';
import { type Block, constantNullBlock } from './block.js';
import type { DriverContext, Operator, OperatorFactory } from './operator.js';
import type { Page } from './page.js';
import { PageMappingOperator } from './page-mapping-operator.js';

/**
 * WHERE: keeps the positions whose condition is true. Null and multi-valued conditions drop the row
 * (the evaluator has already warned about multi-values, as ES does).
 */
export class FilterOperator extends PageMappingOperator {
  private positions = new Int32Array(0);
  private readonly deadPool: (Block | undefined)[] = [];

  /**
   * @param live the channels read after this WHERE (null: all). The others are dead (the planner's
   * projection pushdown): they get a null block instead of a gather of values nobody reads.
   */
  constructor(
    private readonly evaluator: BlockEvaluator,
    private readonly live: ReadonlySet<number> | null = null,
  ) {
    super();
  }

  protected process(page: Page): Page | null {
    const n = page.positionCount;
    if (n === 0) return null;
    if (this.positions.length < n) this.positions = new Int32Array(Math.max(n, this.positions.length * 2));
    const count = this.select(page, n);
    if (count === 0) return null;
    if (count === n) return page;
    const live = this.live;
    const blocks = page.blocks.map((b, c) =>
      live === null || live.has(c) ? filterBlock(b, this.positions, count) : this.deadBlock(c, b, count),
    );
    return { positionCount: count, blocks };
  }

  /**
   * A null block standing for a channel nobody reads: views of one all-null block per channel, so a
   * page costs no allocation beyond the views (keyword values, a plain array, are shared whole: they
   * are never read, every position being null).
   */
  private deadBlock(c: number, b: Block, count: number): Block {
    let pool = this.deadPool[c];
    if (pool === undefined || pool.type !== b.type || pool.positionCount < count) {
      pool = constantNullBlock(b.type, Math.max(count, b.positionCount));
      this.deadPool[c] = pool;
    }
    const v = pool.values;
    const values = v === null || Array.isArray(v) ? v : v.subarray(0, count);
    return { type: pool.type, positionCount: count, values, nulls: (pool.nulls as Uint8Array).subarray(0, count) };
  }

  /** The matching positions, straight from the evaluator when it can (one loop, no boolean block). */
  private select(page: Page, n: number): number {
    const ev = this.evaluator;
    if (isPositionSelector(ev)) {
      const count = ev.selectPositions(page, this.positions);
      if (count >= 0) return count;
    }
    return truePositions(ev.eval(page), n, this.positions);
  }

  toString(): string {
    return `FilterOperator[evaluator=${this.evaluator.toString()}]`;
  }
}

/**
 * An evaluator that can write the positions where it is true into `out` itself; it answers -1 when
 * it cannot for this page (nulls, multi-values) and the boolean block is evaluated instead.
 */
export interface PositionSelector {
  selectPositions(page: Page, out: Int32Array): number;
}

const isPositionSelector = (e: BlockEvaluator): e is BlockEvaluator & PositionSelector =>
  typeof (e as Partial<PositionSelector>).selectPositions === 'function';

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
  constructor(
    private readonly evaluator: BlockEvaluator,
    private readonly live: ReadonlySet<number> | null = null,
  ) {}

  get(_ctx: DriverContext): Operator {
    return new FilterOperator(this.evaluator, this.live);
  }

  describe(): string {
    return `FilterOperator[evaluator=${this.evaluator.toString()}]`;
  }
}
