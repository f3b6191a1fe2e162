import type { Block } from '../../../../compute/block.js';
import type { DataType } from '../../../../compute/data-type.js';
import type { Page } from '../../../../compute/page.js';
import { EsError } from '../../../../errors.js';
import type { Source } from '../../../ast.js';
import type { ExpressionEvaluator } from '../../../evaluator.js';
import type { ArgInfo, FunctionContext, Resolution, ScalarFunctionDefinition } from '../../function-definition.js';
import { commonType, noText } from '../support/common-type.js';
import { BranchAssembler, filterPage } from '../support/lazy-branches.js';
import { arityError, callText, typeError } from '../support/param.js';

/**
 * CASE(cond1, value1, ..., [else]): the value of the first true condition. Evaluation is lazy as in
 * ES: a branch's value is evaluated only on the rows that chose it, and a condition only on the rows
 * no earlier condition took, so warnings come only from rows that really evaluate an expression.
 * A null condition is false; a multi-valued one is false with a warning.
 */
export const caseFunction: ScalarFunctionDefinition = {
  kind: 'scalar',
  name: 'case',
  resolve(args: readonly ArgInfo[], call?: Source): Resolution {
    const arity = arityError('case', args, 2, Infinity);
    if (arity !== undefined) return { error: arity };
    const text = callText('case', args, call);
    const valueIndexes: number[] = [];
    for (let i = 0; i < args.length; i++) {
      const isCondition = i % 2 === 0 && i !== args.length - 1;
      if (!isCondition) valueIndexes.push(i);
      else if (args[i].type !== 'boolean' && args[i].type !== 'null') {
        return { error: typeError(text, args, i, 'boolean', 'positional') };
      }
    }
    const common = commonType(text, args, valueIndexes, true);
    return 'error' in common ? common : { type: noText(common.type) };
  },
  build(args, info, ctx) {
    const r = caseFunction.resolve(info);
    if ('error' in r) throw new Error(`case: cannot build an unresolved call: ${r.error}`);
    if (r.type === 'time_duration' || r.type === 'date_period') {
      throw new EsError('illegal_argument_exception', `CASE over [${r.type}] values must be folded to a constant`);
    }
    const conditions: ExpressionEvaluator[] = [];
    const values: ExpressionEvaluator[] = [];
    for (let i = 0; i + 1 < args.length; i += 2) {
      conditions.push(args[i]);
      values.push(args[i + 1]);
    }
    const otherwise = args.length % 2 === 1 ? args[args.length - 1] : undefined;
    // Constant values cannot fail, so they are evaluated on the whole page without filtering it.
    const constant = info.filter((_, i) => i % 2 === 1 || i === args.length - 1).map((a) => a.foldable);
    return new CaseEvaluator(conditions, values, otherwise, constant, r.type, ctx);
  },
};

class CaseEvaluator implements ExpressionEvaluator {
  constructor(
    private readonly conditions: readonly ExpressionEvaluator[],
    private readonly values: readonly ExpressionEvaluator[],
    private readonly otherwise: ExpressionEvaluator | undefined,
    /** Per value (then the default): a constant, evaluated on the whole page. */
    private readonly constant: readonly boolean[],
    private readonly outType: DataType,
    private readonly ctx: FunctionContext,
  ) {}

  eval(page: Page): Block {
    const n = page.positionCount;
    const out = new BranchAssembler(n);
    // `remaining[0..count)`: page positions no condition has taken yet.
    let remaining = new Int32Array(n);
    for (let p = 0; p < n; p++) remaining[p] = p;
    let count = n;
    for (let i = 0; i < this.conditions.length && count > 0; i++) {
      const sub = filterPage(page, remaining, count);
      const cond = this.conditions[i].eval(sub);
      const takenLocal = new Int32Array(count);
      const takenTargets = new Int32Array(count);
      const rest = new Int32Array(count);
      let taken = 0;
      let left = 0;
      for (let k = 0; k < count; k++) {
        if (this.isTrue(cond, k)) {
          takenLocal[taken] = k;
          takenTargets[taken++] = remaining[k];
        } else rest[left++] = remaining[k];
      }
      if (taken > 0) {
        if (this.constant[i]) out.takeSame(this.values[i].eval(page), takenTargets, taken);
        else out.take(this.values[i].eval(filterPage(sub, takenLocal, taken)), takenTargets, taken);
      }
      remaining = rest;
      count = left;
    }
    if (this.otherwise !== undefined && count > 0) {
      if (this.constant[this.values.length]) out.takeSame(this.otherwise.eval(page), remaining, count);
      else out.take(this.otherwise.eval(filterPage(page, remaining, count)), remaining, count);
    }
    return out.build(this.outType);
  }

  private isTrue(cond: Block, k: number): boolean {
    if (cond.type === 'null' || (cond.nulls !== undefined && cond.nulls[k] === 1)) return false;
    const f = cond.firstValueIndexes;
    if (f !== undefined && f[k + 1] - f[k] !== 1) {
      if (f[k + 1] - f[k] > 1) {
        this.ctx.warnings.fail(
          this.ctx.source,
          'java.lang.IllegalArgumentException',
          'single-value function encountered multi-value',
          'false',
        );
      }
      return false;
    }
    return (cond.values as Uint8Array)[f === undefined ? k : f[k]] === 1;
  }

  toString(): string {
    return `CaseEvaluator[conditions=${this.conditions.length}]`;
  }
}
