import type { Operator } from './operator.js';
import type { Page } from './page.js';

/**
 * Base for operators that turn each input page into at most one output page (ES
 * AbstractPageMappingOperator): one page in flight, mapped lazily in `getOutput()`.
 */
export abstract class PageMappingOperator implements Operator {
  private pending: Page | null = null;
  private finishing = false;
  protected pagesProcessed = 0;

  /** The output for `page`, or null when nothing of it survives. */
  protected abstract process(page: Page): Page | null;

  abstract toString(): string;

  needsInput(): boolean {
    return this.pending === null && !this.finishing;
  }

  addInput(page: Page): void {
    if (this.pending !== null) throw new Error(`${this.toString()}: addInput while a page is pending`);
    this.pending = page;
  }

  finish(): void {
    this.finishing = true;
  }

  isFinished(): boolean {
    return this.finishing && this.pending === null;
  }

  getOutput(): Page | null {
    const p = this.pending;
    if (p === null) return null;
    this.pending = null;
    this.pagesProcessed++;
    return this.process(p);
  }

  close(): void {
    this.pending = null;
  }
}
