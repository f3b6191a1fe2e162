import type { Block } from '../../../../compute/block.js';
import type { DataType } from '../../../../compute/data-type.js';
import type { Page } from '../../../../compute/page.js';
import type { Source } from '../../../ast.js';
import type { ExpressionEvaluator } from '../../../evaluator.js';
import type { ArgInfo, FunctionContext, ScalarFunctionDefinition } from '../../function-definition.js';
import { MultiValueBuilder, type WritableValues, writable } from '../support/output-builders.js';
import { commonType, noText } from '../support/common-type.js';
import { ANY, STRING, arityError, callText, checkParams } from '../support/param.js';
import { NullEvaluator, resolveWith } from '../support/scalar-function.js';
import { singleValueIndex } from '../support/single-value.js';

/** Value range of position p: [start, end), empty when null. */
function range(b: Block, p: number): [number, number] {
  if (b.type === 'null' || (b.nulls !== undefined && b.nulls[p] === 1)) return [0, 0];
  const f = b.firstValueIndexes;
  return f === undefined ? [p, p + 1] : [f[p], f[p + 1]];
}

/** MV_APPEND(a, b): a's values then b's; null if either is null. */
export const mvAppend: ScalarFunctionDefinition = {
  kind: 'scalar',
  name: 'mv_append',
  resolve(args: readonly ArgInfo[], call?: Source) {
    const arity = arityError('mv_append', args, 2, 2);
    if (arity !== undefined) return { error: arity };
    const text = callText('mv_append', args, call);
    const problem = checkParams(text, args, [ANY, ANY]);
    if (problem !== undefined) return { error: problem };
    const common = commonType(text, args, [0, 1], false);
    return 'error' in common ? common : { type: noText(common.type) };
  },
  build(args, info) {
    const r = mvAppend.resolve(info);
    if ('error' in r) throw new Error(`mv_append: ${r.error}`);
    if (info.some((a) => a.type === 'null')) return new NullEvaluator('mv_append', args, r.type as DataType);
    return new AppendEvaluator(args[0], args[1], r.type as DataType);
  },
};

class AppendEvaluator implements ExpressionEvaluator {
  constructor(
    private readonly a: ExpressionEvaluator,
    private readonly b: ExpressionEvaluator,
    private readonly outType: DataType,
  ) {}

  eval(page: Page): Block {
    const n = page.positionCount;
    const a = this.a.eval(page);
    const b = this.b.eval(page);
    const av = writable(a.values);
    const bv = writable(b.values);
    const out = new MultiValueBuilder(this.outType, n, n * 2);
    for (let p = 0; p < n; p++) {
      const [as, ae] = range(a, p);
      const [bs, be] = range(b, p);
      if (as < ae && bs < be) {
        for (let i = as; i < ae; i++) out.append(av[i]);
        for (let i = bs; i < be; i++) out.append(bv[i]);
      }
      out.endPosition();
    }
    return out.build();
  }

  toString(): string {
    return `mv_append(${String(this.a)}, ${String(this.b)})`;
  }
}

const zipSpec = { name: 'mv_zip', minArgs: 2, params: [STRING, STRING, STRING], result: () => 'keyword' as const };

/**
 * MV_ZIP(a, b[, delimiter = ","]): pairs joined with the delimiter; the longer side's extra values
 * pass alone, and a null side yields the other side's values.
 */
export const mvZip: ScalarFunctionDefinition = {
  kind: 'scalar',
  name: 'mv_zip',
  resolve: (args: readonly ArgInfo[], call?: Source) => resolveWith(zipSpec, args, call),
  build(args, info, ctx) {
    if (info[0].type === 'null' && info[1].type === 'null') return new NullEvaluator('mv_zip', args, 'keyword');
    if (info.length === 3 && info[2].type === 'null') return new NullEvaluator('mv_zip', args, 'keyword');
    return new ZipEvaluator(args, ctx);
  },
};

class ZipEvaluator implements ExpressionEvaluator {
  constructor(
    private readonly args: readonly ExpressionEvaluator[],
    private readonly ctx: FunctionContext,
  ) {}

  eval(page: Page): Block {
    const n = page.positionCount;
    const a = this.args[0].eval(page);
    const b = this.args[1].eval(page);
    const d = this.args.length === 3 ? this.args[2].eval(page) : undefined;
    const av: WritableValues = writable(a.values);
    const bv: WritableValues = writable(b.values);
    const dv = d === undefined ? undefined : writable(d.values);
    const out = new MultiValueBuilder('keyword', n, n * 2);
    for (let p = 0; p < n; p++) {
      let delim = ',';
      if (d !== undefined && dv !== undefined) {
        const di = singleValueIndex(d, p, this.ctx);
        if (di < 0) {
          out.endPosition();
          continue;
        }
        delim = dv[di] as string;
      }
      const [as, ae] = range(a, p);
      const [bs, be] = range(b, p);
      const len = Math.max(ae - as, be - bs);
      for (let i = 0; i < len; i++) {
        const x = as + i < ae ? (av[as + i] as string) : undefined;
        const y = bs + i < be ? (bv[bs + i] as string) : undefined;
        out.append(x !== undefined && y !== undefined ? x + delim + y : (x ?? y ?? ''));
      }
      out.endPosition();
    }
    return out.build();
  }

  toString(): string {
    return `mv_zip(${this.args.map(String).join(', ')})`;
  }
}

