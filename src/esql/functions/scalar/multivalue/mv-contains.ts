import type { Block } from '../../../../compute/block.js';
import type { Page } from '../../../../compute/page.js';
import type { Source } from '../../../ast.js';
import type { ExpressionEvaluator } from '../../../evaluator.js';
import type { ArgInfo, ScalarFunctionDefinition } from '../../function-definition.js';
import { SingleValueBuilder, writable } from '../support/output-builders.js';
import { commonType } from '../support/common-type.js';
import { ANY, arityError, callText, checkParams } from '../support/param.js';

const range = (b: Block, p: number): [number, number] => {
  if (b.type === 'null' || (b.nulls !== undefined && b.nulls[p] === 1)) return [0, 0];
  const f = b.firstValueIndexes;
  return f === undefined ? [p, p + 1] : [f[p], f[p + 1]];
};

/** MV_CONTAINS(superset, subset): every value of subset is in superset; null counts as the empty set. */
export const mvContains: ScalarFunctionDefinition = {
  kind: 'scalar',
  name: 'mv_contains',
  resolve(args: readonly ArgInfo[], call?: Source) {
    const arity = arityError('mv_contains', args, 2, 2);
    if (arity !== undefined) return { error: arity };
    const text = callText('mv_contains', args, call);
    const problem = checkParams(text, args, [ANY, ANY]);
    if (problem !== undefined) return { error: problem };
    const common = commonType(text, args, [0, 1], false);
    return 'error' in common ? common : { type: 'boolean' };
  },
  build: (args) => new ContainsEvaluator(args[0], args[1]),
};

class ContainsEvaluator implements ExpressionEvaluator {
  constructor(
    private readonly superset: ExpressionEvaluator,
    private readonly subset: ExpressionEvaluator,
  ) {}

  eval(page: Page): Block {
    const n = page.positionCount;
    const sup = this.superset.eval(page);
    const sub = this.subset.eval(page);
    const supV = writable(sup.values);
    const subV = writable(sub.values);
    const out = new SingleValueBuilder('boolean', n);
    for (let p = 0; p < n; p++) {
      const [as, ae] = range(sup, p);
      const [bs, be] = range(sub, p);
      let all = 1;
      for (let i = bs; i < be && all === 1; i++) {
        let found = false;
        for (let j = as; j < ae && !found; j++) found = supV[j] === subV[i];
        if (!found) all = 0;
      }
      out.values[p] = all;
    }
    return out.build();
  }

  toString(): string {
    return `mv_contains(${String(this.superset)}, ${String(this.subset)})`;
  }
}
