import { filterBlock } from './block-filter.js';
import type { Block } from './block.js';

/** What a deferred block would gather, until it is read: its source and the positions it keeps. */
export interface Deferred {
  readonly source: Block;
  readonly positions: Int32Array;
}

/** Deferred blocks not read yet; forgotten once read (or when the block is dropped). */
const pending = new WeakMap<Block, Deferred>();

/**
 * `filterBlock(source, positions, count)`, gathered only when first read (late materialisation): a
 * WHERE keeps columns that may only matter for the few rows a later TopN keeps, so gathering them for
 * every surviving row would be wasted. Reading `values` (or `dictionary`) gathers once and drops the
 * source. Only plain blocks (no nulls, single-valued) are deferred; the others are gathered now.
 * `positions` must not be reused by the caller: the block owns it.
 */
export function deferredFilterBlock(source: Block, positions: Int32Array, count: number): Block {
  const outer = pending.get(source);
  // WHERE after WHERE: defer straight over the first one's source, with the positions composed.
  if (outer !== undefined) return deferredFilterBlock(outer.source, compose(outer.positions, positions, count), count);
  // Checked without reading `values`, which would gather a block that is itself lazy.
  if (source.nulls !== undefined || source.firstValueIndexes !== undefined || source.type === 'null') {
    return filterBlock(source, positions, count);
  }
  let gathered: Block | null = null;
  let deferred: Deferred | null = { source, positions };
  const materialise = (): Block => {
    if (deferred !== null) {
      gathered = filterBlock(deferred.source, deferred.positions, count);
      // The source may be a whole page's column: once gathered, it need not stay reachable from here.
      deferred = null;
      pending.delete(block);
    }
    return gathered as Block;
  };
  // Own enumerable getters (as dictionary blocks have), so a spread copy reads them like plain fields.
  const block: Block =
    source.dictionary === undefined
      ? {
          type: source.type,
          positionCount: count,
          get values() {
            return materialise().values;
          },
        }
      : {
          type: source.type,
          positionCount: count,
          get values() {
            return materialise().values;
          },
          get dictionary() {
            return materialise().dictionary;
          },
        };
  pending.set(block, deferred);
  return block;
}

/**
 * The source and positions of a deferred block not read yet, else undefined: a consumer that only
 * needs the values for a moment (arithmetic) can read them through the positions without
 * materialising a block.
 */
export function pendingGather(block: Block): Deferred | undefined {
  return pending.get(block);
}

/**
 * Positions `positions[0..count)` of `block`, as filterBlock; a deferred block not read yet is
 * gathered straight from its source (positions composed), so its other rows are never copied.
 */
export function filterRows(block: Block, positions: Int32Array, count: number): Block {
  const d = pending.get(block);
  if (d === undefined) return filterBlock(block, positions, count);
  return filterBlock(d.source, compose(d.positions, positions, count), count);
}

/** `outer[inner[i]]` for i < count: a selection of a selection, as positions of the original block. */
function compose(outer: Int32Array, inner: Int32Array, count: number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = outer[inner[i]];
  return out;
}
