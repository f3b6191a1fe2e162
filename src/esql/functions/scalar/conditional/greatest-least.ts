import type { Block } from '../../../../compute/block.js';
import type { DataType } from '../../../../compute/data-type.js';
import type { Page } from '../../../../compute/page.js';
import { type ValueComparator, valueComparator } from '../../../../compute/value-order.js';
import type { Source } from '../../../ast.js';
import type { ExpressionEvaluator } from '../../../evaluator.js';
import type { ArgInfo, Resolution, ScalarFunctionDefinition } from '../../function-definition.js';
import { SingleValueBuilder, type Value, type WritableValues, writable } from '../support/output-builders.js';
import { commonType, noText } from '../support/common-type.js';
import { widening } from '../support/lazy-branches.js';
import { ORDERED, arityError, callText, checkParams } from '../support/param.js';
import { NullEvaluator } from '../support/scalar-function.js';

/**
 * GREATEST / LEAST over several columns: null if any argument is null; a multi-valued argument
 * contributes its own max / min (ES wraps each argument in MV_MAX / MV_MIN), so no warning.
 */
function extremum(name: string, sign: 1 | -1): ScalarFunctionDefinition {
  const def: ScalarFunctionDefinition = {
    kind: 'scalar',
    name,
    resolve(args: readonly ArgInfo[], call?: Source): Resolution {
      const arity = arityError(name, args, 1, Infinity);
      if (arity !== undefined) return { error: arity };
      const text = callText(name, args, call);
      const problem = checkParams(text, args, new Array(args.length).fill(ORDERED));
      if (problem !== undefined) return { error: problem };
      const common = commonType(
        text,
        args,
        args.map((_, i) => i),
        true,
      );
      return 'error' in common ? common : { type: noText(common.type) };
    },
    build(args, info) {
      const r = def.resolve(info);
      if ('error' in r) throw new Error(`${name}: cannot build an unresolved call: ${r.error}`);
      const outType = r.type as DataType;
      if (outType === 'null' || info.some((a) => a.type === 'null')) return new NullEvaluator(name, args, outType);
      return new ExtremumEvaluator(name, args, outType, sign);
    },
  };
  return def;
}

class ExtremumEvaluator implements ExpressionEvaluator {
  private readonly compare: ValueComparator;

  constructor(
    private readonly name: string,
    private readonly args: readonly ExpressionEvaluator[],
    private readonly outType: DataType,
    private readonly sign: 1 | -1,
  ) {
    this.compare = valueComparator(outType);
  }

  eval(page: Page): Block {
    const n = page.positionCount;
    const blocks = this.args.map((a) => a.eval(page));
    const arrays: WritableValues[] = blocks.map((b) => writable(b.values));
    const convert = blocks.map((b) => widening(b.type, this.outType));
    const out = new SingleValueBuilder(this.outType, n);
    const ov = out.values;
    outer: for (let p = 0; p < n; p++) {
      let best: Value | undefined;
      for (let a = 0; a < blocks.length; a++) {
        const b = blocks[a];
        if (b.type === 'null' || (b.nulls !== undefined && b.nulls[p] === 1)) {
          out.setNull(p);
          continue outer;
        }
        const f = b.firstValueIndexes;
        const start = f === undefined ? p : f[p];
        const end = f === undefined ? p + 1 : f[p + 1];
        const conv = convert[a];
        for (let i = start; i < end; i++) {
          const v = conv === undefined ? arrays[a][i] : conv(arrays[a][i]);
          if (best === undefined || this.sign * this.compare(v, best) > 0) best = v;
        }
      }
      if (best === undefined) out.setNull(p);
      else ov[p] = best;
    }
    return out.build();
  }

  toString(): string {
    return `${this.name}(${this.args.map(String).join(', ')})`;
  }
}

export const greatest = extremum('greatest', 1);
export const least = extremum('least', -1);
