import { type Block, constantNullBlock } from '../../../../compute/block.js';
import type { DataType } from '../../../../compute/data-type.js';
import type { Page } from '../../../../compute/page.js';
import type { ExpressionEvaluator } from '../../../evaluator.js';
import type { FunctionContext } from '../../function-definition.js';
import { SingleValueBuilder, type Value, type WritableValues, writable } from './output-builders.js';
import { EvalFailure } from './eval-failure.js';

/** Computes one output value from one value per argument; null = null output without a warning. */
export type Kernel = (vals: Value[]) => Value | null;

/** Records a caught failure as ES does, rethrowing anything that is not an EvalFailure (a bug). */
export function reportFailure(e: unknown, ctx: FunctionContext): void {
  if (e instanceof EvalFailure) ctx.warnings.fail(ctx.source, e.exceptionClass, e.message);
  else throw e;
}

/**
 * The evaluator of a single-value function: per position, null if any argument is null (checked in
 * argument order), null + the multi-value warning if an argument is multi-valued, else `kernel` over
 * the arguments' values. One scratch array is reused for every row.
 */
export class SingleValueEvaluator implements ExpressionEvaluator {
  private readonly scratch: Value[];

  constructor(
    private readonly name: string,
    private readonly args: readonly ExpressionEvaluator[],
    private readonly outType: DataType,
    private readonly kernel: Kernel,
    private readonly ctx: FunctionContext,
  ) {
    this.scratch = new Array<Value>(args.length).fill(0);
  }

  eval(page: Page): Block {
    const n = page.positionCount;
    const blocks: Block[] = this.args.map((a) => a.eval(page));
    for (const b of blocks) if (b.type === 'null') return constantNullBlock(this.outType, n);
    if (blocks.length === 1) return this.evalUnary(blocks[0], n);
    const out = new SingleValueBuilder(this.outType, n);
    const outValues = out.values;
    const vals = this.scratch;
    const k = blocks.length;
    const arrays: WritableValues[] = blocks.map((b) => writable(b.values));
    outer: for (let p = 0; p < n; p++) {
      for (let i = 0; i < k; i++) {
        const b = blocks[i];
        if (b.nulls !== undefined && b.nulls[p] === 1) {
          out.setNull(p);
          continue outer;
        }
        const f = b.firstValueIndexes;
        if (f === undefined) vals[i] = arrays[i][p];
        else {
          if (f[p + 1] - f[p] !== 1) {
            if (f[p + 1] - f[p] > 1) this.ctx.warnings.multiValue(this.ctx.source);
            out.setNull(p);
            continue outer;
          }
          vals[i] = arrays[i][f[p]];
        }
      }
      this.apply(vals, out, outValues, p);
    }
    return out.build();
  }

  private evalUnary(b: Block, n: number): Block {
    const out = new SingleValueBuilder(this.outType, n);
    const outValues = out.values;
    const vals = this.scratch;
    const input = writable(b.values);
    const nulls = b.nulls;
    const f = b.firstValueIndexes;
    for (let p = 0; p < n; p++) {
      if (nulls !== undefined && nulls[p] === 1) {
        out.setNull(p);
        continue;
      }
      if (f === undefined) vals[0] = input[p];
      else {
        const c = f[p + 1] - f[p];
        if (c !== 1) {
          if (c > 1) this.ctx.warnings.multiValue(this.ctx.source);
          out.setNull(p);
          continue;
        }
        vals[0] = input[f[p]];
      }
      this.apply(vals, out, outValues, p);
    }
    return out.build();
  }

  private apply(vals: Value[], out: SingleValueBuilder, outValues: WritableValues, p: number): void {
    let r: Value | null;
    try {
      r = this.kernel(vals);
    } catch (e) {
      reportFailure(e, this.ctx);
      r = null;
    }
    if (r === null) out.setNull(p);
    else outValues[p] = r;
  }

  toString(): string {
    return `${this.name}(${this.args.map(String).join(', ')})`;
  }
}
