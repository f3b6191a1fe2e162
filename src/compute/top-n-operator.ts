import { filterRows } from './deferred-filter-block.js';
import type { DriverContext, Operator, OperatorFactory } from './operator.js';
import type { Page } from './page.js';
import { type SortKey, SortBuffer, describeSortKeys } from './sort-buffer.js';

/** Buffered rows beyond `limit` before the buffer is cut back to the best `limit`. */
const MIN_SLACK = 4096;

/**
 * SORT ... | LIMIT n: keeps the best `limit` rows seen. Rows are buffered and, when the buffer holds
 * `limit + slack` rows, sorted and cut back to `limit`. After the first cut the worst kept row is a
 * threshold: rows of new pages that do not beat it are dropped before being buffered, so a scan of
 * millions of rows mostly costs one key comparison per row. Ties keep arrival order (stable).
 */
export class TopNOperator implements Operator {
  private buffer: SortBuffer;
  private reserved = 0;
  private output: Page[] | null = null;
  private finishing = false;
  /** Row index of the worst kept row once the buffer has been cut to `limit`, else -1. */
  private threshold = -1;
  private positions = new Int32Array(0);
  private received = 0;

  constructor(
    private readonly ctx: DriverContext,
    readonly keys: readonly SortKey[],
    readonly limit: number,
  ) {
    this.buffer = new SortBuffer(keys);
  }

  needsInput(): boolean {
    return !this.finishing;
  }

  addInput(page: Page): void {
    this.received += page.positionCount;
    if (this.limit === 0 || page.positionCount === 0) return;
    const start = this.buffer.size;
    if (this.threshold >= 0) {
      const candidates = this.preselect(page);
      if (candidates === null) return;
      this.buffer.add(candidates);
      this.keepBetterThanThreshold(candidates, start);
    } else this.buffer.add(page);
    if (this.buffer.size >= this.limit + Math.max(this.limit, MIN_SLACK)) this.compact();
    this.account();
  }

  finish(): void {
    if (this.finishing) return;
    this.finishing = true;
    const order = this.buffer.sortedOrder();
    const n = Math.min(this.limit, order.length);
    this.output = n === 0 ? [] : this.buffer.materialize(order, 0, n);
    this.buffer.clear();
  }

  /** The best `limit` rows seen so far; sorting an index copy leaves the buffer as it is. */
  previewOutput(): readonly Page[] | null {
    if (this.finishing) return null;
    const order = this.buffer.sortedOrder();
    const n = Math.min(this.limit, order.length);
    return n === 0 ? [] : this.buffer.materialize(order, 0, n);
  }

  isFinished(): boolean {
    return this.finishing && (this.output === null || this.output.length === 0);
  }

  getOutput(): Page | null {
    if (this.output === null || this.output.length === 0) return null;
    return this.output.shift() ?? null;
  }

  close(): void {
    this.buffer.clear();
    this.output = null;
    this.ctx.blockFactory.release(this.reserved);
    this.reserved = 0;
  }

  toString(): string {
    return `TopNOperator[count = ${Math.min(this.received, this.limit)}/${this.limit}, sortOrders = ${describeSortKeys(this.keys)}]`;
  }

  /** The rows of `page` that may beat the threshold on the first key alone (null: none). */
  private preselect(page: Page): Page | null {
    const n = page.positionCount;
    if (this.positions.length < n) this.positions = new Int32Array(n);
    const count = this.buffer.candidatesBetterThan(page, this.threshold, this.positions);
    if (count < 0 || count === n) return page;
    if (count === 0) return null;
    return { positionCount: count, blocks: page.blocks.map((b) => filterRows(b, this.positions, count)) };
  }

  /** The page was just buffered at rows `start..)`: keep only its rows that beat the threshold row. */
  private keepBetterThanThreshold(page: Page, start: number): void {
    const n = page.positionCount;
    if (this.positions.length < n) this.positions = new Int32Array(n);
    let count = 0;
    for (let p = 0; p < n; p++) if (this.buffer.compare(start + p, this.threshold) < 0) this.positions[count++] = p;
    if (count === n) return;
    this.buffer.truncateLastPage(start);
    if (count === 0) return;
    const blocks = page.blocks.map((b) => filterRows(b, this.positions, count));
    this.buffer.add({ positionCount: count, blocks });
  }

  private compact(): void {
    const order = this.buffer.sortedOrder();
    const n = Math.min(this.limit, order.length);
    const pages = this.buffer.materialize(order, 0, n);
    const next = new SortBuffer(this.keys);
    for (const p of pages) next.add(p);
    this.buffer = next;
    this.threshold = n === this.limit ? n - 1 : -1;
  }

  private account(): void {
    const want = this.buffer.estimatedBytes;
    if (want > this.reserved) this.ctx.blockFactory.reserve(want - this.reserved);
    else this.ctx.blockFactory.release(this.reserved - want);
    this.reserved = want;
  }
}

export class TopNOperatorFactory implements OperatorFactory {
  constructor(
    readonly keys: readonly SortKey[],
    readonly limit: number,
  ) {}

  get(ctx: DriverContext): Operator {
    return new TopNOperator(ctx, this.keys, this.limit);
  }

  describe(): string {
    return `TopNOperator[count = ${this.limit}, sortOrders = ${describeSortKeys(this.keys)}]`;
  }
}
