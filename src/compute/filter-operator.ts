import type { BlockEvaluator } from './block-evaluator.js';
import type { Block } from './block.js';
import type { DriverContext, Operator, OperatorFactory } from './operator.js';
import { deferredFilterBlock, filterRows } from './deferred-filter-block.js';
import type { Page } from './page.js';
import { PageMappingOperator } from './page-mapping-operator.js';
import { countTrue, selectTrue } from './position-selection.js';
import { sharedNullBlock } from './shared-null-blocks.js';

/** Selections up to this many rows are gathered at once rather than deferred. */
const EAGER_GATHER_MAX = 256;

/**
 * WHERE: keeps the positions whose condition is true. Null and multi-valued conditions drop the row
 * (the evaluator has already warned about multi-values, as ES does). A condition that is a
 * PositionSelector (comparisons with a constant, AND / OR of them) writes the selection vector
 * directly; any other goes through its boolean block. Kept columns are gathered lazily (see
 * deferredFilterBlock), unless only a few rows are kept.
 */
export class FilterOperator extends PageMappingOperator {
  private positions = new Int32Array(0);

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
    const live = this.live;
    if (live !== null && live.size === 0) {
      // Nobody reads a column after this WHERE (`| STATS COUNT(*)`): only the number of rows matters.
      const kept = countTrue(this.evaluator, page, this.positions);
      if (kept === 0) return null;
      return { positionCount: kept, blocks: page.blocks.map((b) => this.deadBlock(b, kept)) };
    }
    const count = selectTrue(this.evaluator, page, this.positions);
    if (count === 0) return null;
    if (count === n) return page;
    if (count <= EAGER_GATHER_MAX) {
      // A few rows are copied now: deferring them (a closure and a WeakMap entry per column) costs
      // more than the copy, and a selective WHERE (`host == "h" | LIMIT`) reads them at once anyway.
      const kept = this.positions;
      const blocks = page.blocks.map((b, c) => (live === null || live.has(c) ? filterRows(b, kept, count) : this.deadBlock(b, count)));
      return { positionCount: count, blocks };
    }
    // Live columns are gathered when first read: those only a later TopN outputs are gathered just
    // for the rows it keeps. The deferred blocks own their positions, hence the copy.
    const positions = live === null || live.size > 0 ? this.positions.slice(0, count) : this.positions;
    const blocks = page.blocks.map((b, c) =>
      live === null || live.has(c) ? deferredFilterBlock(b, positions, count) : this.deadBlock(b, count),
    );
    return { positionCount: count, blocks };
  }

  /**
   * A null block standing for a channel nobody reads: a view of a shared all-null block, so a page
   * costs no allocation beyond the view (keyword values, a plain array, are shared whole: they are
   * never read, every position being null).
   */
  private deadBlock(b: Block, count: number): Block {
    const pool = sharedNullBlock(b.type, Math.max(count, b.positionCount));
    if (pool.positionCount === count) return pool;
    const v = pool.values;
    const values = v === null || Array.isArray(v) ? v : v.subarray(0, count);
    return { type: pool.type, positionCount: count, values, nulls: (pool.nulls as Uint8Array).subarray(0, count) };
  }

  toString(): string {
    return `FilterOperator[evaluator=${this.evaluator.toString()}]`;
  }
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
