import type { DriverContext, Operator, OperatorFactory } from './operator.js';
import type { Page } from './page.js';
import { PageMappingOperator } from './page-mapping-operator.js';

/** KEEP / DROP / RENAME: output block i is input channel `channels[i]` (a channel may repeat). */
export class ProjectOperator extends PageMappingOperator {
  constructor(private readonly channels: readonly number[]) {
    super();
  }

  protected process(page: Page): Page | null {
    const blocks = this.channels.map((c) => {
      const b = page.blocks[c];
      if (b === undefined) throw new Error(`ProjectOperator: no channel ${c} in a page of ${page.blocks.length}`);
      return b;
    });
    return { positionCount: page.positionCount, blocks };
  }

  toString(): string {
    return `ProjectOperator[projection = [${this.channels.join(', ')}]]`;
  }
}

export class ProjectOperatorFactory implements OperatorFactory {
  constructor(private readonly channels: readonly number[]) {}

  get(_ctx: DriverContext): Operator {
    return new ProjectOperator(this.channels);
  }

  describe(): string {
    return `ProjectOperator[projection = [${this.channels.join(', ')}]]`;
  }
}
