import { BlockBuilder } from './block-builder.js';
import { sliceBlock } from './block-filter.js';
import type { Block } from './block.js';
import type { DriverContext, Operator, OperatorFactory } from './operator.js';
import type { Page } from './page.js';

/** Why the pending sleep of a stopped or closed DelayOperator was cut short (see stopSleeping). */
const SLEEP_STOPPED = new Error('DELAY stopped');

/**
 * The test-only DELAY(ms): holds every row for `delayMs`, one row after another, and appends a
 * boolean `true` column. Waiting happens through ctx.sleep and is exposed as isBlocked(), so the
 * event loop is never blocked. finishEarly() emits the rows whose delay has completed and drops the
 * rest: the operator that makes "stop returns what was computed so far" observable. Completed rows
 * are handed on as they complete (not once the whole page is through), so a STATS downstream grows
 * row by row and live previews of a slow query show it.
 */
export class DelayOperator implements Operator {
  private current: Page | null = null;
  /** Rows of `current` whose delay has completed. */
  private done = 0;
  /** Rows of `current` already handed on by getOutput(). */
  private emitted = 0;
  private ready: Page | null = null;
  private sleeping: Promise<void> | null = null;
  private readonly sleeps = new AbortController();
  private finishing = false;
  private stopped = false;
  private failure: Error | null = null;
  private rowsDelayed = 0;

  private readonly onAbort = () => this.sleeps.abort(this.ctx.signal.reason);

  constructor(
    private readonly ctx: DriverContext,
    readonly delayMs: number,
  ) {
    ctx.signal.addEventListener('abort', this.onAbort, { once: true });
  }

  needsInput(): boolean {
    return this.current === null && this.ready === null && !this.finishing;
  }

  addInput(page: Page): void {
    if (this.current !== null) throw new Error('DelayOperator: addInput while a page is in flight');
    this.current = page;
    this.done = 0;
    this.emitted = 0;
    this.sleepNextRow();
  }

  finish(): void {
    this.finishing = true;
  }

  isFinished(): boolean {
    return this.finishing && this.current === null && this.ready === null;
  }

  isBlocked(): Promise<void> | null {
    if (this.failure !== null) throw this.failure;
    // Completed rows waiting to be handed on: not blocked, even while the next row sleeps.
    if (this.current !== null && this.done > this.emitted) return null;
    return this.sleeping;
  }

  getOutput(): Page | null {
    if (this.failure !== null) throw this.failure;
    const p = this.ready;
    if (p !== null) {
      this.ready = null;
      return p;
    }
    const page = this.current;
    if (page === null || this.done <= this.emitted) return null;
    const out = this.withTrueColumn(page, this.emitted, this.done);
    this.emitted = this.done;
    return out;
  }

  /** Emit the rows whose delay completed; true when rows in flight were dropped. */
  finishEarly(): boolean {
    if (this.stopped) return false;
    this.stopped = true;
    this.finishing = true;
    this.stopSleeping();
    this.sleeping = null;
    const page = this.current;
    if (page === null) return false;
    this.current = null;
    if (this.done > this.emitted) this.ready = this.withTrueColumn(page, this.emitted, this.done);
    return this.done < page.positionCount;
  }

  close(): void {
    this.ctx.signal.removeEventListener('abort', this.onAbort);
    this.stopped = true;
    this.stopSleeping();
    this.sleeping = null;
    this.current = null;
    this.ready = null;
  }

  /**
   * `abort()` without a reason builds a DOMException (with its stack) even when the signal is already
   * aborted, as it is on every cancel (onAbort ran first): a measurable cost per DELETE. The reason is
   * never read (the sleep's rejection is ignored once `sleeps` is aborted), so one shared value serves.
   */
  private stopSleeping(): void {
    if (!this.sleeps.signal.aborted) this.sleeps.abort(SLEEP_STOPPED);
  }

  toString(): string {
    return `DelayOperator[delay = ${this.delayMs}ms, rows = ${this.rowsDelayed}]`;
  }

  private sleepNextRow(): void {
    const page = this.current;
    if (page === null || this.stopped) return;
    if (this.done >= page.positionCount) {
      this.current = null;
      if (this.emitted < page.positionCount) this.ready = this.withTrueColumn(page, this.emitted, page.positionCount);
      this.sleeping = null;
      return;
    }
    const signal = this.sleeps.signal;
    // The promise handed to the driver never rejects: an abort is seen through ctx.signal, a stop
    // through finishEarly(), and a real sleep failure is rethrown from isBlocked()/getOutput().
    const p: Promise<void> = this.ctx.sleep(this.delayMs, signal).then(
      () => {
        if (this.sleeping !== p) return;
        this.done++;
        this.rowsDelayed++;
        this.sleepNextRow();
      },
      (e: unknown) => {
        if (this.sleeping !== p) return;
        this.sleeping = null;
        if (!signal.aborted) this.failure = e instanceof Error ? e : new Error(String(e));
      },
    );
    this.sleeping = p;
  }

  /** Rows `from..to)` of `page` with the appended true column. */
  private withTrueColumn(page: Page, from: number, to: number): Page {
    const rows = to - from;
    const blocks: Block[] = page.blocks.map((b) => sliceBlock(b, from, to));
    const trues = new BlockBuilder('boolean', rows);
    for (let i = 0; i < rows; i++) trues.appendNumber(1);
    blocks.push(trues.build());
    return { positionCount: rows, blocks };
  }
}

export class DelayOperatorFactory implements OperatorFactory {
  constructor(readonly delayMs: number) {}

  get(ctx: DriverContext): Operator {
    return new DelayOperator(ctx, this.delayMs);
  }

  describe(): string {
    return `DelayOperator[delay = ${this.delayMs}ms]`;
  }
}
