import type { Block } from '../../../../compute/block.js';
import type { FunctionContext } from '../../function-definition.js';

/**
 * The value index of position `p` when it holds exactly one value; -1 when null, and -1 plus the
 * multi-value warning when it holds several (ES's single-value argument rule).
 */
export function singleValueIndex(b: Block, p: number, ctx: FunctionContext): number {
  if (b.type === 'null' || (b.nulls !== undefined && b.nulls[p] === 1)) return -1;
  const f = b.firstValueIndexes;
  if (f === undefined) return p;
  const c = f[p + 1] - f[p];
  if (c === 1) return f[p];
  if (c > 1) ctx.warnings.multiValue(ctx.source);
  return -1;
}
