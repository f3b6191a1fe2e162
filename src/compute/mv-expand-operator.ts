import { filterBlock } from './block-filter.js';
import { type Block, constantNullBlock } from './block.js';
import type { DriverContext, Operator, OperatorFactory } from './operator.js';
import type { Page } from './page.js';

/** Most positions one output page may hold: an expansion can multiply rows without bound. */
export const MV_EXPAND_MAX_PAGE_POSITIONS = 8192;

/**
 * MV_EXPAND: one row per value of `channel`; the other columns repeat. A null stays one row with a
 * null. Pages without multi-values in that channel pass through untouched. The expansion of one input
 * page is emitted in chunks of at most MV_EXPAND_MAX_PAGE_POSITIONS, resuming where the last chunk
 * stopped, so a chain of expansions under a LIMIT never materialises the full cross product: the
 * LIMIT finishes and the driver closes this operator after the first chunks.
 */
export class MvExpandOperator implements Operator {
  private page: Page | null = null;
  /** Next input position to expand, and the next value of it when it was split across chunks. */
  private position = 0;
  private valueCursor = -1;
  private finishing = false;

  constructor(
    readonly channel: number,
    private readonly maxPagePositions = MV_EXPAND_MAX_PAGE_POSITIONS,
  ) {}

  needsInput(): boolean {
    return this.page === null && !this.finishing;
  }

  addInput(page: Page): void {
    if (this.page !== null) throw new Error(`${this.toString()}: addInput while a page is pending`);
    this.page = page;
    this.position = 0;
    this.valueCursor = -1;
  }

  finish(): void {
    this.finishing = true;
  }

  isFinished(): boolean {
    return this.finishing && this.page === null;
  }

  getOutput(): Page | null {
    const page = this.page;
    if (page === null) return null;
    const block = page.blocks[this.channel];
    const f = block.firstValueIndexes;
    if (f === undefined) {
      this.page = null;
      return page;
    }
    const n = page.positionCount;
    const limit = this.maxPagePositions;
    const positions = new Int32Array(limit);
    const valueIndex = new Int32Array(limit);
    const outNulls = block.nulls === undefined ? undefined : new Uint8Array(limit);
    let w = 0;
    let p = this.position;
    while (p < n && w < limit) {
      const start = f[p];
      const end = f[p + 1];
      if (end === start) {
        if (outNulls !== undefined) outNulls[w] = 1;
        positions[w] = p;
        valueIndex[w++] = start;
        p++;
        continue;
      }
      let v = this.valueCursor >= 0 ? this.valueCursor : start;
      while (v < end && w < limit) {
        positions[w] = p;
        valueIndex[w++] = v++;
      }
      if (v < end) {
        this.valueCursor = v; // the chunk is full in the middle of this position's values
        break;
      }
      this.valueCursor = -1;
      p++;
    }
    this.position = p;
    if (p >= n) this.page = null;
    const total = w;
    const nulls = outNulls === undefined ? undefined : outNulls.subarray(0, total);
    const expanded = expandValues(block, valueIndex.subarray(0, total), total, nulls);
    const rows = positions.subarray(0, total);
    const blocks = page.blocks.map((b, c) => (c === this.channel ? expanded : filterBlock(b, rows, total)));
    return { positionCount: total, blocks };
  }

  close(): void {
    this.page = null;
  }

  toString(): string {
    return `MvExpandOperator[channel=${this.channel}]`;
  }
}

/** A single-valued block whose position i is value `valueIndex[i]` of `block` (null where `nulls` says). */
function expandValues(block: Block, valueIndex: Int32Array, total: number, nulls: Uint8Array | undefined): Block {
  const len = block.values === null ? 0 : (block.values as ArrayLike<unknown>).length;
  if (len === 0) return constantNullBlock(block.type, total);
  // Treat the value array as a single-valued block and gather from it: the nulls are applied after.
  const flat: Block = { type: block.type, positionCount: total, values: block.values };
  const gathered = filterBlock(flat, safeIndexes(valueIndex, block, nulls), total);
  if (nulls === undefined) return gathered;
  return { ...gathered, nulls };
}

/** Null rows point at a value slot that may not exist (an empty tail); aim them at 0 instead. */
function safeIndexes(valueIndex: Int32Array, block: Block, nulls: Uint8Array | undefined): Int32Array {
  if (nulls === undefined) return valueIndex;
  const len = block.values === null ? 0 : (block.values as ArrayLike<unknown>).length;
  for (let i = 0; i < valueIndex.length; i++) if (nulls[i] === 1 && valueIndex[i] >= len) valueIndex[i] = 0;
  return valueIndex;
}

export class MvExpandOperatorFactory implements OperatorFactory {
  constructor(readonly channel: number) {}

  get(_ctx: DriverContext): Operator {
    return new MvExpandOperator(this.channel);
  }

  describe(): string {
    return `MvExpandOperator[channel=${this.channel}]`;
  }
}
