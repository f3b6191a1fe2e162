import type { Block } from '../../../../compute/block.js';
import type { Page } from '../../../../compute/page.js';
import type { ExpressionEvaluator } from '../../../evaluator.js';
import type { ScalarFunctionDefinition } from '../../function-definition.js';
import { arityError } from '../support/param.js';

/** NOW(): the query's start time, the same on every row and page. */
export const now: ScalarFunctionDefinition = {
  kind: 'scalar',
  name: 'now',
  resolve(args) {
    const error = arityError('now', args, 0, 0);
    return error === undefined ? { type: 'datetime' } : { error };
  },
  build: (_args, _info, ctx) => new NowEvaluator(ctx.nowMs),
};

class NowEvaluator implements ExpressionEvaluator {
  constructor(private readonly nowMs: number) {}

  eval(page: Page): Block {
    const n = page.positionCount;
    return { type: 'datetime', positionCount: n, values: new Float64Array(n).fill(this.nowMs) };
  }

  toString(): string {
    return `NowEvaluator[now=${this.nowMs}]`;
  }
}
