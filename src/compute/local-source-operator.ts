import type { DriverContext, SourceOperator, SourceOperatorFactory } from './operator.js';
import type { Page } from './page.js';

/** Emits pages given up front: ROW, SHOW, and tests. Their size is known, but not as "rows to scan". */
export class LocalSourceOperator implements SourceOperator {
  private next = 0;
  private read = 0;
  private stopped = false;

  constructor(private readonly pages: readonly Page[]) {}

  needsInput(): boolean {
    return false;
  }

  addInput(_page: Page): void {
    throw new Error('LocalSourceOperator takes no input');
  }

  finish(): void {
    this.stopped = true;
  }

  isFinished(): boolean {
    return this.stopped || this.next >= this.pages.length;
  }

  getOutput(): Page | null {
    if (this.isFinished()) return null;
    const p = this.pages[this.next++];
    this.read += p.positionCount;
    return p;
  }

  finishEarly(): boolean {
    const cut = !this.isFinished();
    this.stopped = true;
    return cut;
  }

  progress(): { positionsRead: number; positionsTotal: number | null } {
    return { positionsRead: this.read, positionsTotal: null };
  }

  close(): void {
    this.stopped = true;
  }

  toString(): string {
    return `LocalSourceOperator[pages = ${this.next}/${this.pages.length}]`;
  }
}

export class LocalSourceOperatorFactory implements SourceOperatorFactory {
  constructor(private readonly pages: readonly Page[]) {}

  get(_ctx: DriverContext): SourceOperator {
    return new LocalSourceOperator(this.pages);
  }

  describe(): string {
    return `LocalSourceOperator[pages = ${this.pages.length}]`;
  }
}
