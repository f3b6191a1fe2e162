import { type Block, constantNullBlock } from '../../../../compute/block.js';
import type { DataType } from '../../../../compute/data-type.js';
import type { Page } from '../../../../compute/page.js';
import type { ExpressionEvaluator } from '../../../evaluator.js';

/** The result of a call with a null-typed argument: every position null. */
export class NullEvaluator implements ExpressionEvaluator {
  constructor(
    private readonly name: string,
    private readonly args: readonly ExpressionEvaluator[],
    private readonly outType: DataType,
  ) {}

  eval(page: Page): Block {
    return constantNullBlock(this.outType, page.positionCount);
  }

  toString(): string {
    return `${this.name}(${this.args.map(String).join(', ')})`;
  }
}
