import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/compute/block.js';
import type { BlockEvaluator } from '../../src/compute/block-evaluator.js';
import {
  keepTrue,
  refineTrue,
  scratchOf,
  selectTrue,
  truePositions,
  unionPositions,
} from '../../src/compute/position-selection.js';
import { blockFromValues } from '../../src/compute/block-builder.js';

const list = (a: Int32Array, n: number) => Array.from(a.subarray(0, n));

/** A boolean column evaluator that is not a PositionSelector: the block path. */
const column = (b: Block): BlockEvaluator => ({ eval: () => b, toString: () => 'col' });

describe('selection vectors', () => {
  const plain = blockFromValues('boolean', [true, false, true, true, false]);
  const messy = blockFromValues('boolean', [true, null, [true, true], false, true]);

  it('truePositions keeps non-null, single-valued true positions', () => {
    const out = new Int32Array(5);
    expect(list(out, truePositions(plain, 5, out))).toEqual([0, 2, 3]);
    expect(list(out, truePositions(messy, 5, out))).toEqual([0, 4]);
  });

  it('keepTrue refines a selection in place', () => {
    const sel = Int32Array.from([0, 1, 2, 4]);
    expect(list(sel, keepTrue(plain, sel, 4, sel))).toEqual([0, 2]);
    const sel2 = Int32Array.from([1, 2, 3, 4]);
    expect(list(sel2, keepTrue(messy, sel2, 4, sel2))).toEqual([4]);
  });

  it('selectTrue and refineTrue fall back to the boolean block of any evaluator', () => {
    const page = { positionCount: 5, blocks: [] };
    const out = new Int32Array(5);
    expect(list(out, selectTrue(column(plain), page, out))).toEqual([0, 2, 3]);
    const sel = Int32Array.from([2, 3, 4]);
    expect(list(sel, refineTrue(column(messy), page, sel, 3, sel))).toEqual([4]);
  });

  it('unionPositions merges ascending lists without duplicates', () => {
    const out = new Int32Array(8);
    const n = unionPositions(Int32Array.from([0, 2, 5, 7]), 4, Int32Array.from([1, 2, 7]), 3, out);
    expect(list(out, n)).toEqual([0, 1, 2, 5, 7]);
    expect(unionPositions(new Int32Array(0), 0, Int32Array.from([3]), 1, out)).toBe(1);
    expect(out[0]).toBe(3);
  });

  it('scratchOf keeps a big enough buffer and grows a small one', () => {
    const b = new Int32Array(10);
    expect(scratchOf(b, 10)).toBe(b);
    expect(scratchOf(b, 11).length).toBeGreaterThanOrEqual(20);
  });
});
