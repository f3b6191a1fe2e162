import { type BlockEvaluator, isPositionSelector } from './block-evaluator.js';
import type { Block } from './block.js';
import type { Page } from './page.js';

/**
 * Selection vectors: ascending positions of a page where a condition is TRUE. A WHERE keeps exactly
 * those rows (null and multi-valued conditions drop the row; the evaluator has already warned about
 * multi-values, as ES does). Evaluators that are PositionSelectors write them directly; any other
 * boolean evaluator goes through its block.
 */

/** The positions of `page` where `condition` is true, written to `out`; returns how many. */
export function selectTrue(condition: BlockEvaluator, page: Page, out: Int32Array): number {
  if (isPositionSelector(condition)) return condition.selectPositions(page, out);
  return truePositions(condition.eval(page), page.positionCount, out);
}

/**
 * How many positions of `page` `condition` is true at: without a selection vector where the selector
 * can count (`scratch`, room for the page, may be written).
 */
export function countTrue(condition: BlockEvaluator, page: Page, scratch: Int32Array): number {
  if (isPositionSelector(condition) && condition.countPositions !== undefined) return condition.countPositions(page, scratch);
  return selectTrue(condition, page, scratch);
}

/** Of `positions[0..count)`, those where `condition` is true, written to `out` (may alias); returns how many. */
export function refineTrue(condition: BlockEvaluator, page: Page, positions: Int32Array, count: number, out: Int32Array): number {
  if (isPositionSelector(condition)) return condition.refinePositions(page, positions, count, out);
  return keepTrue(condition.eval(page), positions, count, out);
}

/** Writes into `out` the positions of `cond` that are non-null, single-valued and 1; returns how many. */
export function truePositions(cond: Block, n: number, out: Int32Array): number {
  const values = cond.values as Uint8Array | null;
  if (values === null) return 0;
  const nulls = cond.nulls;
  const f = cond.firstValueIndexes;
  let count = 0;
  if (nulls === undefined && f === undefined) {
    // Branch-free: selectivity is data-dependent, and a mispredicted branch per row costs more than a store.
    for (let p = 0; p < n; p++) {
      out[count] = p;
      count += values[p] & 1;
    }
    return count;
  }
  for (let p = 0; p < n; p++) if (isTrueAt(cond, values, p)) out[count++] = p;
  return count;
}

/** Of `positions[0..count)`, those where `cond` is non-null, single-valued and 1 (`out` may alias). */
export function keepTrue(cond: Block, positions: Int32Array, count: number, out: Int32Array): number {
  const values = cond.values as Uint8Array | null;
  if (values === null) return 0;
  let kept = 0;
  if (cond.nulls === undefined && cond.firstValueIndexes === undefined) {
    for (let i = 0; i < count; i++) {
      const p = positions[i];
      out[kept] = p;
      kept += values[p] & 1;
    }
    return kept;
  }
  for (let i = 0; i < count; i++) {
    const p = positions[i];
    if (isTrueAt(cond, values, p)) out[kept++] = p;
  }
  return kept;
}

function isTrueAt(cond: Block, values: Uint8Array, p: number): boolean {
  if (cond.nulls !== undefined && cond.nulls[p] === 1) return false;
  const f = cond.firstValueIndexes;
  if (f === undefined) return values[p] === 1;
  return f[p + 1] - f[p] === 1 && values[f[p]] === 1;
}

/**
 * The union of two ascending position lists, ascending and without duplicates, into `out` (which
 * must alias neither input); returns its length.
 */
export function unionPositions(a: Int32Array, na: number, b: Int32Array, nb: number, out: Int32Array): number {
  let i = 0;
  let j = 0;
  let w = 0;
  while (i < na && j < nb) {
    const x = a[i];
    const y = b[j];
    if (x <= y) {
      out[w++] = x;
      i++;
      if (x === y) j++;
    } else {
      out[w++] = y;
      j++;
    }
  }
  while (i < na) out[w++] = a[i++];
  while (j < nb) out[w++] = b[j++];
  return w;
}

/** `buffer` when it holds at least `n` entries, else a bigger one (the old contents are not kept). */
export function scratchOf(buffer: Int32Array, n: number): Int32Array {
  return buffer.length >= n ? buffer : new Int32Array(Math.max(n, buffer.length * 2));
}
