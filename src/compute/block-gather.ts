import { BlockBuilder } from './block-builder.js';
import { type Block, type BlockDictionary, constantNullBlock } from './block.js';
import type { DataType } from './data-type.js';
import { dictionaryBlock } from './dictionary-block.js';

/**
 * One block from rows scattered over several blocks (one per buffered page): output position i is
 * position `rowPos[r]` of `blocks[rowPage[r]]` with `r = order[from + i]`. This is how SORT output is
 * built. Single-valued inputs take a typed loop per physical kind (monomorphic, so V8 keeps it
 * tight); multi-valued inputs go through a BlockBuilder.
 */
export function gatherRows(
  blocks: readonly Block[],
  rowPage: Int32Array,
  rowPos: Int32Array,
  order: Int32Array,
  from: number,
  to: number,
): Block {
  const n = to - from;
  let type: DataType = 'null';
  let multi = false;
  let anyNull = false;
  let sorted = true;
  for (const b of blocks) {
    if (b.type !== 'null') type = b.type;
    if (b.firstValueIndexes !== undefined) {
      multi = true;
      if (!b.mvSorted) sorted = false;
    }
    if (b.nulls !== undefined) anyNull = true;
  }
  if (type === 'null') return constantNullBlock('null', n);
  if (multi || blocks.some((b) => b.dictionary === undefined && b.values === null)) {
    const builder = new BlockBuilder(type, n).markMvSorted(sorted);
    for (let i = from; i < to; i++) {
      const r = order[i];
      builder.copyPosition(blocks[rowPage[r]], rowPos[r]);
    }
    return builder.build();
  }
  const terms = sharedTerms(blocks);
  if (terms !== null) {
    // One term list behind every block: gather ordinals, the output stays a dictionary block.
    const ords = blocks.map((b) => (b.dictionary as BlockDictionary).ordinals);
    const ordinals = gatherU16(ords, rowPage, rowPos, order, from, n);
    const nulls = anyNull ? gatherRowNulls(blocks, rowPage, rowPos, order, from, n) : undefined;
    return dictionaryBlock(type, n, { ordinals, terms }, nulls);
  }
  const srcs = blocks.map((b) => b.values);
  const first = srcs[0];
  let values: Block['values'];
  if (first instanceof Float64Array) values = gatherF64(srcs as Float64Array[], rowPage, rowPos, order, from, n);
  else if (first instanceof Int32Array) values = gatherI32(srcs as Int32Array[], rowPage, rowPos, order, from, n);
  else if (first instanceof Uint8Array) values = gatherU8(srcs as Uint8Array[], rowPage, rowPos, order, from, n);
  else if (first instanceof BigUint64Array) values = gatherU64(srcs as BigUint64Array[], rowPage, rowPos, order, from, n);
  else values = gatherStrings(srcs as string[][], rowPage, rowPos, order, from, n);
  const nulls = anyNull ? gatherRowNulls(blocks, rowPage, rowPos, order, from, n) : undefined;
  return nulls === undefined ? { type, positionCount: n, values } : { type, positionCount: n, values, nulls };
}

/** The null bitmap of the gathered rows, or undefined when none of them is null. */
function gatherRowNulls(
  blocks: readonly Block[],
  rowPage: Int32Array,
  rowPos: Int32Array,
  order: Int32Array,
  from: number,
  n: number,
): Uint8Array | undefined {
  const none = new Uint8Array(0);
  const nullSrcs = blocks.map((b) => b.nulls ?? none);
  const nulls = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = order[from + i];
    const src = nullSrcs[rowPage[r]];
    const isNull = src.length === 0 ? 0 : src[rowPos[r]];
    nulls[i] = isNull;
    count += isNull;
  }
  return count === 0 ? undefined : nulls;
}

/** The term list every block shares, or null when some block is not in dictionary form or uses another. */
function sharedTerms(blocks: readonly Block[]): readonly string[] | null {
  const terms = blocks[0].dictionary?.terms;
  if (terms === undefined) return null;
  for (const b of blocks) if (b.dictionary?.terms !== terms) return null;
  return terms;
}

function gatherF64(srcs: Float64Array[], rowPage: Int32Array, rowPos: Int32Array, order: Int32Array, from: number, n: number) {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = order[from + i];
    out[i] = srcs[rowPage[r]][rowPos[r]];
  }
  return out;
}

function gatherI32(srcs: Int32Array[], rowPage: Int32Array, rowPos: Int32Array, order: Int32Array, from: number, n: number) {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = order[from + i];
    out[i] = srcs[rowPage[r]][rowPos[r]];
  }
  return out;
}

function gatherU16(srcs: Uint16Array[], rowPage: Int32Array, rowPos: Int32Array, order: Int32Array, from: number, n: number) {
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const r = order[from + i];
    out[i] = srcs[rowPage[r]][rowPos[r]];
  }
  return out;
}

function gatherU8(srcs: Uint8Array[], rowPage: Int32Array, rowPos: Int32Array, order: Int32Array, from: number, n: number) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = order[from + i];
    out[i] = srcs[rowPage[r]][rowPos[r]];
  }
  return out;
}

function gatherU64(srcs: BigUint64Array[], rowPage: Int32Array, rowPos: Int32Array, order: Int32Array, from: number, n: number) {
  const out = new BigUint64Array(n);
  for (let i = 0; i < n; i++) {
    const r = order[from + i];
    out[i] = srcs[rowPage[r]][rowPos[r]];
  }
  return out;
}

function gatherStrings(srcs: string[][], rowPage: Int32Array, rowPos: Int32Array, order: Int32Array, from: number, n: number) {
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const r = order[from + i];
    out[i] = srcs[rowPage[r]][rowPos[r]];
  }
  return out;
}
