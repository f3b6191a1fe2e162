import type { Block } from '../../../../compute/block.js';
import type { Page } from '../../../../compute/page.js';
import type { Source } from '../../../ast.js';
import type { ExpressionEvaluator } from '../../../evaluator.js';
import type { ArgInfo, FunctionContext, ScalarFunctionDefinition } from '../../function-definition.js';
import { MultiValueBuilder, writable } from '../support/output-builders.js';
import { STRING } from '../support/param.js';
import { NullEvaluator, resolveWith } from '../support/scalar-function.js';
import { singleValueIndex } from '../support/single-value.js';

const spec = { name: 'split', minArgs: 2, params: [STRING, STRING], result: () => 'keyword' as const };

/** SPLIT(s, delimiter): a multi-value of the pieces, empty pieces kept. */
export const split: ScalarFunctionDefinition = {
  kind: 'scalar',
  name: 'split',
  resolve: (args: readonly ArgInfo[], call?: Source) => resolveWith(spec, args, call),
  build(args, info, ctx) {
    if (info.some((a) => a.type === 'null')) return new NullEvaluator('split', args, 'keyword');
    return new SplitEvaluator(args[0], args[1], ctx);
  },
};

class SplitEvaluator implements ExpressionEvaluator {
  constructor(
    private readonly str: ExpressionEvaluator,
    private readonly delim: ExpressionEvaluator,
    private readonly ctx: FunctionContext,
  ) {}

  eval(page: Page): Block {
    const n = page.positionCount;
    const s = this.str.eval(page);
    const d = this.delim.eval(page);
    const sv = writable(s.values);
    const dv = writable(d.values);
    const out = new MultiValueBuilder('keyword', n, n * 2);
    for (let p = 0; p < n; p++) {
      const si = singleValueIndex(s, p, this.ctx);
      const di = si < 0 ? -1 : singleValueIndex(d, p, this.ctx);
      if (si >= 0 && di >= 0) {
        const str = sv[si] as string;
        const delim = dv[di] as string;
        if (str === '') out.append('');
        else for (const piece of str.split(delim)) out.append(piece);
      }
      out.endPosition();
    }
    return out.build();
  }

  toString(): string {
    return `split(${String(this.str)}, ${String(this.delim)})`;
  }
}
