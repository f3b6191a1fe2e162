import { sliceBlock } from './block-filter.js';
import type { DriverContext, Operator, OperatorFactory } from './operator.js';
import type { Page } from './page.js';

/**
 * LIMIT n: passes pages through until n positions have gone by, then reports finished so the driver
 * stops (and closes) everything upstream: `FROM big | LIMIT 10` reads one page, not the index.
 */
export class LimitOperator implements Operator {
  private remaining: number;
  private pending: Page | null = null;
  private finishing = false;

  constructor(readonly limit: number) {
    this.remaining = limit;
  }

  needsInput(): boolean {
    return this.pending === null && !this.finishing && this.remaining > 0;
  }

  addInput(page: Page): void {
    if (this.pending !== null) throw new Error('LimitOperator: addInput while a page is pending');
    if (page.positionCount <= this.remaining) {
      this.remaining -= page.positionCount;
      this.pending = page;
      return;
    }
    const n = this.remaining;
    this.remaining = 0;
    this.pending = { positionCount: n, blocks: page.blocks.map((b) => sliceBlock(b, 0, n)) };
  }

  finish(): void {
    this.finishing = true;
  }

  isFinished(): boolean {
    return this.pending === null && (this.finishing || this.remaining === 0);
  }

  getOutput(): Page | null {
    const p = this.pending;
    this.pending = null;
    return p;
  }

  close(): void {
    this.pending = null;
  }

  toString(): string {
    return `LimitOperator[limit = ${this.remaining}/${this.limit}]`;
  }
}

export class LimitOperatorFactory implements OperatorFactory {
  constructor(readonly limit: number) {}

  get(_ctx: DriverContext): Operator {
    return new LimitOperator(this.limit);
  }

  describe(): string {
    return `LimitOperator[limit = ${this.limit}]`;
  }
}
