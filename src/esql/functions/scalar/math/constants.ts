import type { Block } from '../../../../compute/block.js';
import type { Page } from '../../../../compute/page.js';
import type { ExpressionEvaluator } from '../../../evaluator.js';
import type { ScalarFunctionDefinition } from '../../function-definition.js';
import { arityError } from '../support/param.js';

/** PI(), E(), TAU(): zero-argument constants, one value per position. */
function constant(name: string, value: number): ScalarFunctionDefinition {
  return {
    kind: 'scalar',
    name,
    resolve(args) {
      const error = arityError(name, args, 0, 0);
      return error === undefined ? { type: 'double' } : { error };
    },
    build: () => new ConstantDoubleEvaluator(name, value),
  };
}

class ConstantDoubleEvaluator implements ExpressionEvaluator {
  constructor(
    private readonly name: string,
    private readonly value: number,
  ) {}

  eval(page: Page): Block {
    const n = page.positionCount;
    return { type: 'double', positionCount: n, values: new Float64Array(n).fill(this.value) };
  }

  toString(): string {
    return `${this.name}()`;
  }
}

export const pi = constant('pi', Math.PI);
export const e = constant('e', Math.E);
export const tau = constant('tau', 2 * Math.PI);
