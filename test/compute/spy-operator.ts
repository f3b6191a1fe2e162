import type { Operator } from '../../src/compute/operator.js';
import type { Page } from '../../src/compute/page.js';

/** Wraps an operator to count close() calls and optionally fail on the n-th addInput. */
export class SpyOperator implements Operator {
  closes = 0;
  inputs = 0;

  constructor(
    private readonly inner: Operator,
    private readonly failOnInput = -1,
  ) {}

  needsInput(): boolean {
    return this.inner.needsInput();
  }
  addInput(page: Page): void {
    if (++this.inputs === this.failOnInput) throw new Error('boom');
    this.inner.addInput(page);
  }
  finish(): void {
    this.inner.finish();
  }
  isFinished(): boolean {
    return this.inner.isFinished();
  }
  getOutput(): Page | null {
    return this.inner.getOutput();
  }
  isBlocked(): Promise<void> | null {
    return this.inner.isBlocked?.() ?? null;
  }
  finishEarly(): boolean {
    return this.inner.finishEarly?.() ?? false;
  }
  close(): void {
    this.closes++;
    this.inner.close();
  }
  toString(): string {
    return `SpyOperator[${this.inner.toString()}]`;
  }
}
