import type { Block, BlockDictionary } from '../compute/block.js';
import type { DataType } from '../compute/data-type.js';
import { dictionaryBlock } from '../compute/dictionary-block.js';
import type { Page } from '../compute/page.js';
import type { IndexColumn, StoredIndex } from '../storage/stored-index.js';

/** Any typed array a stored block may hold (values, nulls, offsets, dictionary ordinals of any width). */
export type AnyTypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/**
 * A StoredIndex as a message a worker thread can receive (structured clone). Typed arrays travel on
 * SharedArrayBuffers, so every worker reads the node's own column memory: nothing numeric is copied per
 * worker. Only plain `string[]` blocks (keyword columns that are not dictionary-encoded) are copied
 * into each worker; a dictionary's term list is sent once per column, not once per block.
 */
export interface SharedIndexDescriptor {
  readonly name: string;
  readonly columns: readonly IndexColumn[];
  readonly rowCount: number;
  /** Distinct dictionary term lists, referenced by position from the blocks. */
  readonly termLists: readonly (readonly string[])[];
  readonly segments: readonly SharedSegment[];
}

export interface SharedSegment {
  readonly positionCount: number;
  readonly blocks: readonly SharedBlock[];
}

export interface SharedBlock {
  readonly type: DataType;
  readonly positionCount: number;
  /** Plain values (absent for a dictionary block, whose values are derived from its ordinals). */
  readonly values?: AnyTypedArray | readonly string[] | null;
  readonly dictionary?: { readonly ordinals: AnyTypedArray; readonly termList: number };
  readonly nulls?: Uint8Array;
  readonly firstValueIndexes?: Int32Array;
  readonly mvSorted?: boolean;
}

/**
 * Copies of arrays that lived on an ordinary ArrayBuffer, so each is copied into shared memory once per
 * process however many times (and to however many workers) its index is sent. Weak: a dropped index
 * frees its shared copies.
 */
const sharedCopies = new WeakMap<AnyTypedArray, AnyTypedArray>();

/** The array itself when already on a SharedArrayBuffer, else its (cached) copy on one. */
export function sharedArray<T extends AnyTypedArray>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const cached = sharedCopies.get(array);
  if (cached !== undefined) return cached as T;
  const Ctor = array.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Ctor(new SharedArrayBuffer(array.byteLength));
  (copy as unknown as { set(a: T): void }).set(array);
  sharedCopies.set(array, copy);
  return copy;
}

/** The descriptor of `index` (cheap when its arrays are already shared: views only, no copy). */
export function describeIndex(index: StoredIndex): SharedIndexDescriptor {
  const termLists: (readonly string[])[] = [];
  const termListIds = new Map<readonly string[], number>();
  const termListOf = (terms: readonly string[]): number => {
    let id = termListIds.get(terms);
    if (id === undefined) {
      id = termLists.length;
      termLists.push(terms);
      termListIds.set(terms, id);
    }
    return id;
  };
  const segments = index.segments.map(
    (seg): SharedSegment => ({ positionCount: seg.positionCount, blocks: seg.blocks.map((b) => describeBlock(b, termListOf)) }),
  );
  return { name: index.name, columns: index.columns, rowCount: index.rowCount, termLists, segments };
}

function describeBlock(b: Block, termListOf: (terms: readonly string[]) => number): SharedBlock {
  const out: { -readonly [K in keyof SharedBlock]: SharedBlock[K] } = { type: b.type, positionCount: b.positionCount };
  // Never read `values` of a dictionary block: it is a lazy getter that would materialise every string.
  if (b.dictionary !== undefined) {
    out.dictionary = { ordinals: sharedArray(b.dictionary.ordinals as AnyTypedArray), termList: termListOf(b.dictionary.terms) };
  } else {
    const v = b.values;
    out.values = v === null || Array.isArray(v) ? v : sharedArray(v as AnyTypedArray);
  }
  if (b.nulls !== undefined) out.nulls = sharedArray(b.nulls);
  if (b.firstValueIndexes !== undefined) out.firstValueIndexes = sharedArray(b.firstValueIndexes);
  if (b.mvSorted === true) out.mvSorted = true;
  return out;
}

/**
 * The StoredIndex a descriptor stands for, with blocks built as the storage builds them (dictionary
 * blocks through `dictionaryBlock`, one term list object per column so per-dictionary caches work).
 */
export function indexFromDescriptor(d: SharedIndexDescriptor): StoredIndex {
  const segments = d.segments.map((seg): Page => ({ positionCount: seg.positionCount, blocks: seg.blocks.map((b) => blockOf(b, d.termLists)) }));
  return { name: d.name, columns: d.columns, rowCount: d.rowCount, segments };
}

function blockOf(b: SharedBlock, termLists: readonly (readonly string[])[]): Block {
  if (b.dictionary !== undefined) {
    const dictionary = { ordinals: b.dictionary.ordinals, terms: termLists[b.dictionary.termList] } as unknown as BlockDictionary;
    return dictionaryBlock(b.type, b.positionCount, dictionary, b.nulls, b.firstValueIndexes, b.mvSorted);
  }
  // Same property order as the loaders' blocks, so operators see one hidden class.
  return {
    type: b.type,
    positionCount: b.positionCount,
    values: (b.values ?? null) as Block['values'],
    ...(b.nulls === undefined ? {} : { nulls: b.nulls }),
    ...(b.firstValueIndexes === undefined ? {} : { firstValueIndexes: b.firstValueIndexes }),
    ...(b.mvSorted === true ? { mvSorted: true } : {}),
  };
}
