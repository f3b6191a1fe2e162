import type { DataType } from './data-type.js';

/** The physical value array of a Block; which one a type uses is fixed in data-type.ts. */
export type BlockValues = Int32Array | Float64Array | BigUint64Array | Uint8Array | string[] | null;

/**
 * A column of `positionCount` positions, ES's Block. Immutable once built.
 *
 * - Single-valued (no `firstValueIndexes`): position p's value is `values[p]`.
 * - Multi-valued: position p's values are `values[firstValueIndexes[p] .. firstValueIndexes[p+1])`;
 *   `firstValueIndexes` has `positionCount + 1` entries.
 * - Null: `nulls[p] === 1` (then the position has zero values; in a single-valued block `values[p]`
 *   holds a placeholder). `nulls` is absent when the block has no null.
 * - `mvSorted`: every multi-value is sorted ascending and, for keyword/ip, de-duplicated (values
 *   loaded from an index are, as in ES; values built by functions keep their order).
 */
export interface Block {
  readonly type: DataType;
  readonly positionCount: number;
  readonly values: BlockValues;
  readonly nulls?: Uint8Array;
  readonly firstValueIndexes?: Int32Array;
  readonly mvSorted?: boolean;
  /**
   * Dictionary form of a keyword-like block (see dictionary-block.ts): value i is
   * `terms[ordinals[i]]`. When present, `values` is materialised from it on first read; hot paths
   * (filter, gather, group, compare) read the ordinals instead and never touch `values`.
   */
  readonly dictionary?: BlockDictionary;
}

/**
 * Ordinals into a term list. `ordinals` is indexed like `values` (one per value); a null position of a
 * single-valued block holds NULL_ORDINAL. `terms` is shared by every block of one stored column and only
 * ever grows (loaders append new terms), so per-dictionary caches key on its identity and check its
 * length. Terms are in first-seen order, not sorted: an append-only shared list cannot stay sorted.
 * Ordinals are always a Uint16Array (never a union): hot loops read half the bytes of an Int32Array and
 * stay monomorphic. So a term list holds at most MAX_DICTIONARY_TERMS terms.
 */
export interface BlockDictionary {
  readonly ordinals: Uint16Array;
  readonly terms: readonly string[];
}

/** The placeholder ordinal of a null position; no term has it. */
export const NULL_ORDINAL = 0xffff;

/** Terms a dictionary may hold: ordinals 0..NULL_ORDINAL - 1. */
export const MAX_DICTIONARY_TERMS = NULL_ORDINAL;

export const isNull = (b: Block, p: number): boolean => b.nulls !== undefined && b.nulls[p] === 1;

export const valueCount = (b: Block, p: number): number => {
  if (isNull(b, p)) return 0;
  const f = b.firstValueIndexes;
  return f === undefined ? 1 : f[p + 1] - f[p];
};

export const firstValueIndex = (b: Block, p: number): number => {
  const f = b.firstValueIndexes;
  return f === undefined ? p : f[p];
};

export const mayHaveMultiValues = (b: Block): boolean => b.firstValueIndexes !== undefined;

/** A block of `positionCount` nulls of the given type. */
export function constantNullBlock(type: DataType, positionCount: number): Block {
  const nulls = new Uint8Array(positionCount).fill(1);
  return { type, positionCount, values: emptyValues(type, positionCount), nulls };
}

/** A zero-filled value array of the right physical kind for `type`. */
export function emptyValues(type: DataType, length: number): BlockValues {
  switch (type) {
    case 'boolean':
      return new Uint8Array(length);
    case 'integer':
      return new Int32Array(length);
    case 'long':
    case 'double':
    case 'datetime':
      return new Float64Array(length);
    case 'unsigned_long':
      return new BigUint64Array(length);
    case 'keyword':
    case 'text':
    case 'ip':
    case 'version':
      return new Array<string>(length).fill('');
    case 'null':
      return null;
  }
}
