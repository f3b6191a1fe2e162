import type { Block } from '../../../../compute/block.js';

/**
 * Feeds every value of `block` to `sink` with its group, skipping negative group ids (filtered out
 * by the aggregate's WHERE) and nulls; each value of a multi-value counts, as in ES. `sink` is
 * created once per batch, never per row.
 */
export function forEachNumber(
  block: Block,
  groupIds: Int32Array,
  positionCount: number,
  sink: (group: number, value: number) => void,
): void {
  if (block.type === 'null' || block.values === null) return;
  const values = block.values as unknown as ArrayLike<number>;
  const nulls = block.nulls;
  const fvi = block.firstValueIndexes;
  for (let p = 0; p < positionCount; p++) {
    const g = groupIds[p];
    if (g < 0 || (nulls !== undefined && nulls[p] === 1)) continue;
    if (fvi === undefined) {
      sink(g, values[p]);
      continue;
    }
    const end = fvi[p + 1];
    for (let i = fvi[p]; i < end; i++) sink(g, values[i]);
  }
}

/**
 * True when `block` is a number column (integer, long, double, datetime: read as JS numbers) with one
 * value at every position: aggregates can then loop over its typed array directly.
 */
export function isPlainNumeric(block: Block): boolean {
  const v = block.values;
  return (
    (v instanceof Float64Array || v instanceof Int32Array) && block.nulls === undefined && block.firstValueIndexes === undefined
  );
}

/** Same as forEachNumber, with the value's index into `block.values` (any physical kind). */
export function forEachValueIndex(
  block: Block,
  groupIds: Int32Array,
  positionCount: number,
  sink: (group: number, valueIndex: number) => void,
): void {
  if (block.type === 'null' || block.values === null) return;
  const nulls = block.nulls;
  const fvi = block.firstValueIndexes;
  for (let p = 0; p < positionCount; p++) {
    const g = groupIds[p];
    if (g < 0 || (nulls !== undefined && nulls[p] === 1)) continue;
    if (fvi === undefined) {
      sink(g, p);
      continue;
    }
    const end = fvi[p + 1];
    for (let i = fvi[p]; i < end; i++) sink(g, i);
  }
}

/** An upper bound of the values `block` holds in its first `positionCount` positions (to reserve room). */
export function valueCountUpperBound(block: Block, positionCount: number): number {
  if (block.type === 'null' || block.values === null) return 0;
  const fvi = block.firstValueIndexes;
  return fvi === undefined ? positionCount : fvi[positionCount] - fvi[0];
}
