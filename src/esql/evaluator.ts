import type { Block } from '../compute/block.js';
import type { Page } from '../compute/page.js';

/**
 * A compiled expression: evaluates a whole Page at once and returns one Block of
 * `page.positionCount` positions. Built once per query by the planner; must not allocate per row
 * beyond the output arrays. Failures that ES turns into null (overflow, multi-value given to a
 * single-value function, ...) are reported to the query's Warnings and yield null at that position.
 */
export interface ExpressionEvaluator {
  eval(page: Page): Block;
  toString(): string;
}
