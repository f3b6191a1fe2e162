/**
 * A compiled expression: evaluates a whole Page at once and returns one Block of
 * `page.positionCount` positions. Built once per query by the planner; must not allocate per row
 * beyond the output arrays. Failures that ES turns into null (overflow, multi-value given to a
 * single-value function, ...) are reported to the query's Warnings and yield null at that position.
 */
export type { BlockEvaluator as ExpressionEvaluator } from '../compute/block-evaluator.js';
