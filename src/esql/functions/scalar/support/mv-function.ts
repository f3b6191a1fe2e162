import type { Block } from '../../../../compute/block.js';
import type { AnyType, DataType } from '../../../../compute/data-type.js';
import type { Page } from '../../../../compute/page.js';
import type { Source } from '../../../ast.js';
import type { ExpressionEvaluator } from '../../../evaluator.js';
import type { ArgInfo, FunctionContext, ScalarFunctionDefinition } from '../../function-definition.js';
import { MultiValueBuilder, type Value, type WritableValues, writable } from './output-builders.js';
import { reportFailure } from './eval-loop.js';
import type { Ordinal, Param } from './param.js';
import { NullEvaluator, resolveWith } from './scalar-function.js';
import { singleValueIndex } from './single-value.js';

/**
 * Consumes all values `vals[start..end)` of one position of the first argument (plus one value per
 * further argument in `extra`) and appends the position's output values to `out`. May throw an
 * EvalFailure: the position is then null with a warning.
 */
export type MvKernel = (vals: WritableValues, start: number, end: number, extra: Value[], out: MultiValueBuilder) => void;

export interface MvSpec {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly minArgs: number;
  readonly maxArgs?: number;
  readonly params: readonly Param[];
  readonly ordinal?: Ordinal;
  readonly result: (types: readonly AnyType[], args: readonly ArgInfo[], call: string) => AnyType | { error: string };
  readonly kernel: (types: readonly DataType[], info: readonly ArgInfo[], ctx: FunctionContext) => MvKernel;
  /** The first argument's null gives null; set when a null in other arguments does not (MV_ZIP). */
  readonly nullableExtras?: boolean;
}

/** A function over whole multi-values (MV_*): the first argument is read with all its values. */
export function mvFunction(spec: MvSpec): ScalarFunctionDefinition {
  return {
    kind: 'scalar',
    name: spec.name,
    aliases: spec.aliases,
    resolve: (args: readonly ArgInfo[], call?: Source) => resolveWith(spec, args, call),
    build(args, info, ctx) {
      const r = resolveWith(spec, info);
      if ('error' in r) throw new Error(`${spec.name}: cannot build an unresolved call: ${r.error}`);
      const outType = r.type as DataType;
      if (outType === 'null' || info[0].type === 'null') return new NullEvaluator(spec.name, args, outType);
      const kernel = spec.kernel(
        info.map((a) => a.type as DataType),
        info,
        ctx,
      );
      return new MvEvaluator(spec.name, args, outType, kernel, ctx);
    },
  };
}

class MvEvaluator implements ExpressionEvaluator {
  private readonly extra: Value[];

  constructor(
    private readonly name: string,
    private readonly args: readonly ExpressionEvaluator[],
    private readonly outType: DataType,
    private readonly kernel: MvKernel,
    private readonly ctx: FunctionContext,
  ) {
    this.extra = new Array<Value>(Math.max(0, args.length - 1)).fill(0);
  }

  eval(page: Page): Block {
    const n = page.positionCount;
    const blocks = this.args.map((a) => a.eval(page));
    const field = blocks[0];
    const vals = writable(field.values);
    const others = blocks.slice(1);
    const otherValues = others.map((b) => writable(b.values));
    const f = field.firstValueIndexes;
    const out = new MultiValueBuilder(this.outType, n, f === undefined ? n : f[n]);
    outer: for (let p = 0; p < n; p++) {
      if (field.nulls !== undefined && field.nulls[p] === 1) {
        out.endPosition();
        continue;
      }
      for (let i = 0; i < others.length; i++) {
        const idx = singleValueIndex(others[i], p, this.ctx);
        if (idx < 0) {
          out.endPosition();
          continue outer;
        }
        this.extra[i] = otherValues[i][idx];
      }
      try {
        if (f === undefined) this.kernel(vals, p, p + 1, this.extra, out);
        else this.kernel(vals, f[p], f[p + 1], this.extra, out);
      } catch (e) {
        reportFailure(e, this.ctx);
        out.discardPosition();
      }
      out.endPosition();
    }
    return out.build();
  }

  toString(): string {
    return `${this.name}(${this.args.map(String).join(', ')})`;
  }
}
