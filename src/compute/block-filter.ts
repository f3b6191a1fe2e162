import { type Block, type BlockValues, constantNullBlock } from './block.js';
import { dictionaryBlock } from './dictionary-block.js';

type TypedValues = Int32Array | Float64Array | BigUint64Array | Uint8Array;

/**
 * A block holding positions `positions[0..count)` of `block`, in that order (a position may repeat:
 * MV_EXPAND and multi-valued group keys rely on it). Nulls and multi-values are kept.
 */
export function filterBlock(block: Block, positions: Int32Array, count: number): Block {
  if (block.dictionary !== undefined) return filterDictionaryBlock(block, positions, count);
  if (block.type === 'null' || block.values === null) return constantNullBlock(block.type, count);
  const nulls = gatherNulls(block.nulls, positions, count);
  const f = block.firstValueIndexes;
  if (f === undefined) {
    const values = gatherValues(block.values, positions, count);
    return make(block, count, values, nulls, undefined);
  }
  const fvi = gatheredValueStarts(f, positions, count);
  const total = fvi[count];
  const values = allocLike(block.values, total);
  if (Array.isArray(values)) {
    const src = block.values as string[];
    let w = 0;
    for (let i = 0; i < count; i++) {
      const p = positions[i];
      for (let v = f[p]; v < f[p + 1]; v++) values[w++] = src[v];
    }
  } else {
    const src = block.values as Float64Array;
    const dst = values as Float64Array;
    let w = 0;
    for (let i = 0; i < count; i++) {
      const p = positions[i];
      const end = f[p + 1];
      for (let v = f[p]; v < end; v++) dst[w++] = src[v];
    }
  }
  return make(block, count, values, nulls, fvi);
}

/** Positions `from..to)` of `block`; single-valued blocks share the underlying arrays (blocks are immutable). */
export function sliceBlock(block: Block, from: number, to: number): Block {
  const count = to - from;
  if (from === 0 && to === block.positionCount) return block;
  const d = block.dictionary;
  if (d === undefined && (block.type === 'null' || block.values === null)) return constantNullBlock(block.type, count);
  let nulls = block.nulls?.subarray(from, to);
  if (nulls !== undefined && nulls.indexOf(1) < 0) nulls = undefined;
  const f = block.firstValueIndexes;
  if (d !== undefined) {
    const base = f === undefined ? from : f[from];
    const end = f === undefined ? to : f[to];
    const fvi = f === undefined ? undefined : f.slice(from, to + 1).map((i) => i - base);
    const dictionary = { ordinals: d.ordinals.subarray(base, end), terms: d.terms };
    return dictionaryBlock(block.type, count, dictionary, nulls, fvi, block.mvSorted);
  }
  if (f === undefined) return make(block, count, sliceValues(block.values, from, to), nulls, undefined);
  const base = f[from];
  const fvi = new Int32Array(count + 1);
  for (let i = 0; i <= count; i++) fvi[i] = f[from + i] - base;
  return make(block, count, sliceValues(block.values, base, f[to]), nulls, fvi);
}

/** filterBlock of a dictionary block: only ordinals move, the terms are shared. */
function filterDictionaryBlock(block: Block, positions: Int32Array, count: number): Block {
  const d = block.dictionary as NonNullable<Block['dictionary']>;
  const nulls = gatherNulls(block.nulls, positions, count);
  const f = block.firstValueIndexes;
  if (f === undefined) {
    const dictionary = { ordinals: gatherU16(d.ordinals, positions, count), terms: d.terms };
    return dictionaryBlock(block.type, count, dictionary, nulls);
  }
  const fvi = gatheredValueStarts(f, positions, count);
  const total = fvi[count];
  const src = d.ordinals;
  const ordinals = new Uint16Array(total);
  let w = 0;
  for (let i = 0; i < count; i++) {
    const p = positions[i];
    const end = f[p + 1];
    for (let v = f[p]; v < end; v++) ordinals[w++] = src[v];
  }
  return dictionaryBlock(block.type, count, { ordinals, terms: d.terms }, nulls, fvi, block.mvSorted);
}

/** First-value indexes of the gathered positions: each keeps its own number of values. */
function gatheredValueStarts(f: Int32Array, positions: Int32Array, count: number): Int32Array {
  const fvi = new Int32Array(count + 1);
  let total = 0;
  for (let i = 0; i < count; i++) {
    const p = positions[i];
    fvi[i] = total;
    total += f[p + 1] - f[p];
  }
  fvi[count] = total;
  return fvi;
}

function gatherNulls(nulls: Uint8Array | undefined, positions: Int32Array, count: number): Uint8Array | undefined {
  if (nulls === undefined) return undefined;
  const out = new Uint8Array(count);
  let any = 0;
  for (let i = 0; i < count; i++) {
    const n = nulls[positions[i]];
    out[i] = n;
    any |= n;
  }
  return any === 0 ? undefined : out;
}

function gatherValues(values: BlockValues, positions: Int32Array, count: number): BlockValues {
  // One loop per concrete array type keeps each loop monomorphic (a shared loop over the union runs
  // several times slower once V8 has seen more than one array kind there).
  if (values instanceof Float64Array) return gatherF64(values, positions, count);
  if (values instanceof Int32Array) return gatherI32(values, positions, count);
  if (values instanceof Uint8Array) return gatherU8(values, positions, count);
  if (values instanceof BigUint64Array) return gatherU64(values, positions, count);
  const src = values as string[];
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = src[positions[i]];
  return out;
}

function gatherF64(src: Float64Array, positions: Int32Array, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = src[positions[i]];
  return out;
}

function gatherI32(src: Int32Array, positions: Int32Array, count: number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = src[positions[i]];
  return out;
}

/** Dictionary ordinals: a loop of its own, so the value loops above stay monomorphic. */
function gatherU16(src: Uint16Array, positions: Int32Array, count: number): Uint16Array {
  const out = new Uint16Array(count);
  for (let i = 0; i < count; i++) out[i] = src[positions[i]];
  return out;
}

function gatherU8(src: Uint8Array, positions: Int32Array, count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = src[positions[i]];
  return out;
}

function gatherU64(src: BigUint64Array, positions: Int32Array, count: number): BigUint64Array {
  const out = new BigUint64Array(count);
  for (let i = 0; i < count; i++) out[i] = src[positions[i]];
  return out;
}

function sliceValues(values: BlockValues, from: number, to: number): BlockValues {
  if (Array.isArray(values)) return values.slice(from, to);
  return (values as TypedValues).subarray(from, to);
}

function allocLike(values: BlockValues, n: number): BlockValues {
  if (Array.isArray(values)) return new Array<string>(n);
  if (values instanceof Int32Array) return new Int32Array(n);
  if (values instanceof Float64Array) return new Float64Array(n);
  if (values instanceof BigUint64Array) return new BigUint64Array(n);
  return new Uint8Array(n);
}

function make(
  src: Block,
  positionCount: number,
  values: BlockValues,
  nulls: Uint8Array | undefined,
  fvi: Int32Array | undefined,
): Block {
  const out: { -readonly [K in keyof Block]: Block[K] } = { type: src.type, positionCount, values };
  if (nulls !== undefined) out.nulls = nulls;
  if (fvi !== undefined) {
    out.firstValueIndexes = fvi;
    if (src.mvSorted) out.mvSorted = true;
  }
  return out;
}
