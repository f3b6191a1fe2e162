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
