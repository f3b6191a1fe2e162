import type { Block } from '../../../../compute/block.js';
import { filterBlock } from '../../../../compute/block-filter.js';
import type { DataType } from '../../../../compute/data-type.js';
import { type Page, page as makePage } from '../../../../compute/page.js';
import { MultiValueBuilder, type Value, writable } from './output-builders.js';

/** The positions `positions[0..count)` of every block of `page`. */
export function filterPage(page: Page, positions: Int32Array, count: number): Page {
  if (count === page.positionCount) {
    let identity = true;
    for (let i = 0; i < count && identity; i++) identity = positions[i] === i;
    if (identity) return page;
  }
  return makePage(
    count,
    page.blocks.map((b) => filterBlock(b, positions, count)),
  );
}

/**
 * Assembles the output of lazily evaluated branches (CASE, COALESCE): each output position takes
 * every value of one position of one branch block, so multi-values pass through unchanged.
 */
export class BranchAssembler {
  private readonly blocks: Block[] = [];
  private readonly chosenBlock: Int32Array;
  private readonly chosenPosition: Int32Array;

  constructor(private readonly positionCount: number) {
    this.chosenBlock = new Int32Array(positionCount).fill(-1);
    this.chosenPosition = new Int32Array(positionCount);
  }

  /** Output position `targets[k]` takes position k of `block`, for k < count. */
  take(block: Block, targets: Int32Array, count: number): void {
    const id = this.blocks.length;
    this.blocks.push(block);
    for (let k = 0; k < count; k++) {
      this.chosenBlock[targets[k]] = id;
      this.chosenPosition[targets[k]] = k;
    }
  }

  /** Output position `targets[k]` takes position `targets[k]` of a full-page `block`, for k < count. */
  takeSame(block: Block, targets: Int32Array, count: number): void {
    const id = this.blocks.length;
    this.blocks.push(block);
    for (let k = 0; k < count; k++) {
      this.chosenBlock[targets[k]] = id;
      this.chosenPosition[targets[k]] = targets[k];
    }
  }

  build(outType: DataType): Block {
    const n = this.positionCount;
    const out = new MultiValueBuilder(outType, n);
    const convert = this.blocks.map((b) => widening(b.type, outType));
    const arrays = this.blocks.map((b) => writable(b.values));
    for (let p = 0; p < n; p++) {
      const id = this.chosenBlock[p];
      if (id >= 0) {
        const b = this.blocks[id];
        const q = this.chosenPosition[p];
        if (b.type !== 'null' && (b.nulls === undefined || b.nulls[q] === 0)) {
          const f = b.firstValueIndexes;
          const start = f === undefined ? q : f[q];
          const end = f === undefined ? q + 1 : f[q + 1];
          const vals = arrays[id];
          const conv = convert[id];
          for (let i = start; i < end; i++) out.append(conv === undefined ? vals[i] : conv(vals[i]));
        }
      }
      out.endPosition();
    }
    return out.build();
  }
}

/** The per-value conversion from a branch's type to the (wider numeric) output type, if any. */
export function widening(from: DataType, to: DataType): ((v: Value) => Value) | undefined {
  if (from === to) return undefined;
  if (from === 'unsigned_long' && to === 'double') return (v) => Number(v);
  if ((from === 'integer' || from === 'long') && to === 'unsigned_long') return (v) => BigInt(v);
  return undefined;
}
