import type { BlockFactory } from './block-factory.js';
import type { Page } from './page.js';

/**
 * ES's Operator contract. A Driver moves Pages from each operator to the next:
 * `if (next.needsInput()) { const p = op.getOutput(); if (p) next.addInput(p) }`, and when an operator
 * `isFinished()` it calls `finish()` on the next one.
 *
 * - `needsInput()`: true when `addInput` may be called now.
 * - `addInput(page)`: only called when `needsInput()`; the operator owns the page from then on.
 * - `finish()`: no more input will come. STATS, SORT and TopN produce their output after this.
 * - `isFinished()`: true when no more output will come (after finish and drain, or early, e.g. LIMIT).
 * - `getOutput()`: a page or null; may be called at any time.
 * - `isBlocked()`: null, or a promise the driver awaits before calling the operator again (ES
 *   `isBlocked`; used by DELAY and by sources that wait on I/O). Never block the event loop.
 * - `finishEarly()`: stop requested. Sources stop producing (and report whether live work was cut);
 *   an operator holding work in flight (DELAY) emits what is complete and drops the rest. STATS, SORT
 *   and LIMIT need nothing: their normal `finish()` runs over the rows seen.
 * - `close()`: release memory; called exactly once, after finishing or on cancel.
 */
export interface Operator {
  needsInput(): boolean;
  addInput(page: Page): void;
  finish(): void;
  isFinished(): boolean;
  getOutput(): Page | null;
  isBlocked?(): Promise<void> | null;
  /** Returns true when live work was actually cut (drives `is_partial`). */
  finishEarly?(): boolean;
  /**
   * Live previews: the pages `finish()` would emit if it were called now, computed without touching
   * the operator's state (no reset, no double counting later). Null when the operator cannot tell
   * (e.g. it is already emitting). Only operators that hold rows until finish (STATS, SORT, TopN)
   * implement it; the driver asks the last one of them in the pipeline.
   */
  previewOutput?(): readonly Page[] | null;
  close(): void;
  toString(): string;
}

/** A source of pages: the first operator of a pipeline. Never receives input. */
export interface SourceOperator extends Operator {
  /** Positions read so far and in total (for progress events); total is null when unknown. */
  progress(): { positionsRead: number; positionsTotal: number | null };
}

/** Builds one Operator per driver; `describe()` prints as ES does, e.g. `LimitOperator[limit = 100]`. */
export interface OperatorFactory {
  get(ctx: DriverContext): Operator;
  describe(): string;
}

export interface SourceOperatorFactory {
  get(ctx: DriverContext): SourceOperator;
  describe(): string;
}

/**
 * What every operator may use from its driver: cancellation and memory accounting. Yielding to the
 * event loop is the driver's business, not the operators'.
 */
export interface DriverContext {
  readonly signal: AbortSignal;
  readonly blockFactory: BlockFactory;
  /** Resolves after `ms` (or rejects when `signal` aborts). Injected: compute/ owns no timers. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}
