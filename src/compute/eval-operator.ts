import type { BlockEvaluator } from './block-evaluator.js';
import type { DriverContext, Operator, OperatorFactory } from './operator.js';
import type { Page } from './page.js';
import { PageMappingOperator } from './page-mapping-operator.js';

/**
 * EVAL: appends one block per evaluator. Each evaluator sees the page with the blocks appended by
 * the ones before it, so `EVAL a = x + 1, b = a * 2` can read `a`.
 */
export class EvalOperator extends PageMappingOperator {
  constructor(private readonly evaluators: readonly BlockEvaluator[]) {
    super();
  }

  protected process(page: Page): Page | null {
    let current = page;
    for (const e of this.evaluators) {
      const block = e.eval(current);
      current = { positionCount: current.positionCount, blocks: [...current.blocks, block] };
    }
    return current;
  }

  toString(): string {
    return describeEval(this.evaluators);
  }
}

const describeEval = (evaluators: readonly BlockEvaluator[]) =>
  `EvalOperator[evaluators=[${evaluators.map((e) => e.toString()).join(', ')}]]`;

export class EvalOperatorFactory implements OperatorFactory {
  constructor(private readonly evaluators: readonly BlockEvaluator[]) {}

  get(_ctx: DriverContext): Operator {
    return new EvalOperator(this.evaluators);
  }

  describe(): string {
    return describeEval(this.evaluators);
  }
}
