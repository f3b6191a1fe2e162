import type { Block } from '../../compute/block.js';
import type { Page } from '../../compute/page.js';
import type { ExpressionEvaluator } from '../evaluator.js';

/** A field reference: the block at one channel of the input page, shared, not copied. */
export class ColumnEvaluator implements ExpressionEvaluator {
  constructor(
    private readonly channel: number,
    private readonly name: string,
  ) {}

  eval(page: Page): Block {
    return page.blocks[this.channel];
  }

  toString(): string {
    return `Attribute[channel=${this.channel}, name=${this.name}]`;
  }
}
