import { filterBlock } from './block-filter.js';
import { type Block, constantNullBlock } from './block.js';
import type { DriverContext, Operator, OperatorFactory } from './operator.js';
import type { Page } from './page.js';
import { PageMappingOperator } from './page-mapping-operator.js';

/**
 * MV_EXPAND: one row per value of `channel`; the other columns repeat. A null stays one row with a
 * null. Pages without multi-values in that channel pass through untouched.
 */
export class MvExpandOperator extends PageMappingOperator {
  constructor(readonly channel: number) {
    super();
  }

  protected process(page: Page): Page | null {
    const block = page.blocks[this.channel];
    const f = block.firstValueIndexes;
    if (f === undefined) return page;
    const n = page.positionCount;
    const nulls = block.nulls;
    let total = 0;
    for (let p = 0; p < n; p++) total += Math.max(1, f[p + 1] - f[p]);
    const positions = new Int32Array(total);
    const valueIndex = new Int32Array(total);
    const outNulls = nulls === undefined ? undefined : new Uint8Array(total);
    let w = 0;
    for (let p = 0; p < n; p++) {
      const start = f[p];
      const end = f[p + 1];
      if (end === start) {
        if (outNulls !== undefined) outNulls[w] = 1;
        positions[w] = p;
        valueIndex[w++] = start;
        continue;
      }
      for (let v = start; v < end; v++) {
        positions[w] = p;
        valueIndex[w++] = v;
      }
    }
    const expanded = expandValues(block, valueIndex, total, outNulls);
    const blocks = page.blocks.map((b, c) => (c === this.channel ? expanded : filterBlock(b, positions, total)));
    return { positionCount: total, blocks };
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
