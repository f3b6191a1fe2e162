import type { Block } from '../../compute/block.js';
import { valueCount, firstValueIndex } from '../../compute/block.js';
import type { LiteralScalar } from '../ast.js';
import { compileExpression } from '../expressions/expression-compiler.js';
import { Warnings } from '../warnings.js';
import { isFoldable, type ResolvedExpression } from './resolved-expression.js';

const ONE_ROW = { positionCount: 1, blocks: [] } as const;

/**
 * Evaluates a column-free expression once, at analysis time, so functions see constant arguments
 * (`ROUND(x, 1 + 1)`, `DATE_TRUNC(1 year, d)`) and every page skips the work. An expression whose
 * evaluation warns (`1 / 0`) is left alone so the warning is reported by the execution that runs it.
 */
export function fold(e: ResolvedExpression, nowMs: number): ResolvedExpression {
  if (e.kind === 'literal' || !isFoldable(e)) return e;
  if (e.type === 'date_period' || e.type === 'time_duration') return e;
  const warnings = new Warnings();
  let block: Block;
  try {
    block = compileExpression(e, { warnings, nowMs }).eval(ONE_ROW);
  } catch {
    return e; // let execution report whatever this is
  }
  if (warnings.list().length > 0) return e;
  return { kind: 'literal', type: e.type, value: literalValue(block, 0), source: e.source };
}

/** Position p of a block as a literal value: null, a scalar, or a list for a multi-value. */
export function literalValue(b: Block, p: number): LiteralScalar | LiteralScalar[] {
  const n = valueCount(b, p);
  if (n === 0 || b.values === null) return null;
  const start = firstValueIndex(b, p);
  if (n === 1) return rawValue(b, start);
  const out: LiteralScalar[] = [];
  for (let i = 0; i < n; i++) out.push(rawValue(b, start + i));
  return out;
}

function rawValue(b: Block, i: number): LiteralScalar {
  const v = b.values;
  if (v === null) return null;
  if (b.type === 'boolean') return (v as Uint8Array)[i] === 1;
  return (v as ArrayLike<LiteralScalar>)[i];
}
