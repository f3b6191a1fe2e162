import type { Block } from '../../../../compute/block.js';
import type { DataType } from '../../../../compute/data-type.js';
import type { Page } from '../../../../compute/page.js';
import type { Source } from '../../../ast.js';
import type { ExpressionEvaluator } from '../../../evaluator.js';
import type { ArgInfo, Resolution, ScalarFunctionDefinition } from '../../function-definition.js';
import { commonType, noText } from '../support/common-type.js';
import { BranchAssembler, filterPage } from '../support/lazy-branches.js';
import { arityError, callText } from '../support/param.js';

/**
 * COALESCE(a, b, ...): per position, all values of the first non-null argument. Lazy like ES: an
 * argument is evaluated only on the rows every earlier argument left null.
 */
export const coalesce: ScalarFunctionDefinition = {
  kind: 'scalar',
  name: 'coalesce',
  resolve(args: readonly ArgInfo[], call?: Source): Resolution {
    const arity = arityError('coalesce', args, 1, Infinity);
    if (arity !== undefined) return { error: arity };
    const common = commonType(
      callText('coalesce', args, call),
      args,
      args.map((_, i) => i),
      false,
    );
    return 'error' in common ? common : { type: noText(common.type) };
  },
  build(args, info) {
    const r = coalesce.resolve(info);
    if ('error' in r) throw new Error(`coalesce: cannot build an unresolved call: ${r.error}`);
    return new CoalesceEvaluator(args, r.type as DataType);
  },
};

class CoalesceEvaluator implements ExpressionEvaluator {
  constructor(
    private readonly args: readonly ExpressionEvaluator[],
    private readonly outType: DataType,
  ) {}

  eval(page: Page): Block {
    const n = page.positionCount;
    const out = new BranchAssembler(n);
    let remaining = new Int32Array(n);
    for (let p = 0; p < n; p++) remaining[p] = p;
    let count = n;
    for (let i = 0; i < this.args.length && count > 0; i++) {
      const b = this.args[i].eval(filterPage(page, remaining, count));
      if (b.type === 'null') continue;
      const takenTargets = new Int32Array(count);
      const takenLocal = new Int32Array(count);
      const rest = new Int32Array(count);
      let taken = 0;
      let left = 0;
      for (let k = 0; k < count; k++) {
        if (b.nulls !== undefined && b.nulls[k] === 1) rest[left++] = remaining[k];
        else {
          takenLocal[taken] = k;
          takenTargets[taken++] = remaining[k];
        }
      }
      if (taken === count) out.take(b, takenTargets, taken);
      else if (taken > 0) out.take(filterPage({ positionCount: count, blocks: [b] }, takenLocal, taken).blocks[0], takenTargets, taken);
      remaining = rest;
      count = left;
    }
    return out.build(this.outType);
  }

  toString(): string {
    return `CoalesceEvaluator[values=${this.args.length}]`;
  }
}
