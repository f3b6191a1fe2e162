import type { Block } from './block.js';
import type { Page } from './page.js';

/**
 * Something that turns a Page into one Block of `page.positionCount` positions: a compiled
 * expression. compute/ only needs this shape; esql/ builds the implementations (ExpressionEvaluator).
 */
export interface BlockEvaluator {
  eval(page: Page): Block;
  toString(): string;
}

/**
 * A boolean evaluator that can answer a WHERE with a selection vector (the ascending positions where
 * it is TRUE) instead of a boolean block that would be scanned again. Both methods must agree exactly
 * with `truePositions(eval(page))`, warnings included: same warnings, same number, same order.
 */
export interface PositionSelector extends BlockEvaluator {
  /** Writes into `out` the positions of `page` where the condition is true; returns how many. */
  selectPositions(page: Page, out: Int32Array): number;
  /**
   * Keeps, of the ascending positions `positions[0..count)`, those where the condition is true and
   * writes them to `out` (which may be `positions` itself); returns how many. Only the test itself is
   * restricted to those positions: operands are still evaluated on the whole page, so they warn as
   * `eval` would.
   */
  refinePositions(page: Page, positions: Int32Array, count: number, out: Int32Array): number;
  /**
   * Optional: how many positions `selectPositions` would write, without writing them where it can (a
   * WHERE whose rows nobody reads, as before a `STATS COUNT(*)`, needs only the count); `scratch`
   * (room for the page) may be written.
   */
  countPositions?(page: Page, scratch: Int32Array): number;
}

export const isPositionSelector = (e: BlockEvaluator): e is PositionSelector =>
  typeof (e as Partial<PositionSelector>).selectPositions === 'function' &&
  typeof (e as Partial<PositionSelector>).refinePositions === 'function';
