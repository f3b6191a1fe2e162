import type { DriverContext, Operator, OperatorFactory } from './operator.js';
import type { Page } from './page.js';
import { type SortKey, SortBuffer, describeSortKeys } from './sort-buffer.js';

/**
 * SORT without a LIMIT after it: buffers every row (memory reserved through the BlockFactory, so a
 * too-large sort fails with circuit_breaking_exception) and emits them sorted after finish().
 */
export class SortOperator implements Operator {
  private readonly buffer: SortBuffer;
  private reserved = 0;
  private output: Page[] | null = null;
  private finishing = false;

  constructor(
    private readonly ctx: DriverContext,
    readonly keys: readonly SortKey[],
  ) {
    this.buffer = new SortBuffer(keys);
  }

  needsInput(): boolean {
    return !this.finishing;
  }

  addInput(page: Page): void {
    this.buffer.add(page);
    this.account();
  }

  finish(): void {
    if (this.finishing) return;
    this.finishing = true;
    const order = this.buffer.sortedOrder();
    this.output = this.buffer.size === 0 ? [] : this.buffer.materialize(order, 0, order.length);
    this.buffer.clear();
  }

  /** Every row seen so far, sorted; sorting an index copy leaves the buffer as it is. */
  previewOutput(): readonly Page[] | null {
    if (this.finishing) return null;
    const order = this.buffer.sortedOrder();
    return order.length === 0 ? [] : this.buffer.materialize(order, 0, order.length);
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
    return `SortOperator[sortOrders = ${describeSortKeys(this.keys)}]`;
  }

  private account(): void {
    const want = this.buffer.estimatedBytes;
    if (want > this.reserved) {
      this.ctx.blockFactory.reserve(want - this.reserved);
      this.reserved = want;
    }
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
