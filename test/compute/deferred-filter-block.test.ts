import { describe, expect, it } from 'vitest';
import { blockToValues } from '../../src/compute/block-builder.js';
import type { Block } from '../../src/compute/block.js';
import { deferredFilterBlock, filterRows, pendingGather } from '../../src/compute/deferred-filter-block.js';
import { dictionaryBlock } from '../../src/compute/dictionary-block.js';
import { pageOf } from './helpers.js';

/** A plain double block that counts reads of its values. */
function counted(values: number[]): { block: Block; reads: () => number } {
  let reads = 0;
  const v = Float64Array.from(values);
  const block: Block = {
    type: 'double',
    positionCount: values.length,
    get values() {
      reads++;
      return v;
    },
  };
  return { block, reads: () => reads };
}

describe('deferredFilterBlock', () => {
  it('gathers only when read, once, and reads like filterBlock', () => {
    const src = counted([10, 11, 12, 13, 14]);
    const b = deferredFilterBlock(src.block, Int32Array.from([1, 3, 4]), 3);
    expect(b.positionCount).toBe(3);
    expect(src.reads()).toBe(0);
    expect(blockToValues(b)).toEqual([11, 13, 14]);
    const afterFirst = src.reads();
    expect(afterFirst).toBeGreaterThan(0);
    expect(blockToValues(b)).toEqual([11, 13, 14]);
    expect(src.reads()).toBe(afterFirst);
    // A spread copy reads the getters like plain fields.
    expect(blockToValues({ ...b, type: 'double' })).toEqual([11, 13, 14]);
  });

  it('filterRows of a deferred block not read yet gathers straight from its source', () => {
    const src = counted([10, 11, 12, 13, 14]);
    const b = deferredFilterBlock(src.block, Int32Array.from([0, 2, 3, 4]), 4);
    const rows = filterRows(b, Int32Array.from([1, 3]), 2);
    expect(blockToValues(rows)).toEqual([12, 14]);
    // The deferred block itself was never gathered: reading it now still gives its own rows.
    expect(blockToValues(b)).toEqual([10, 12, 13, 14]);
    expect(blockToValues(filterRows(b, Int32Array.from([0]), 1))).toEqual([10]);
  });

  it('a deferred block of a deferred block composes the positions without gathering the first', () => {
    const src = counted([10, 11, 12, 13, 14]);
    const first = deferredFilterBlock(src.block, Int32Array.from([1, 2, 4]), 3);
    const second = deferredFilterBlock(first, Int32Array.from([0, 2]), 2);
    expect(src.reads()).toBe(0);
    expect(blockToValues(second)).toEqual([11, 14]);
    expect(blockToValues(first)).toEqual([11, 12, 14]);
  });

  it('keeps dictionary blocks in dictionary form', () => {
    const dict = dictionaryBlock('keyword', 4, { ordinals: Uint16Array.from([2, 0, 1, 2]), terms: ['a', 'b', 'c'] });
    const b = deferredFilterBlock(dict, Int32Array.from([0, 2]), 2);
    expect(Array.from(b.dictionary?.ordinals ?? [])).toEqual([2, 1]);
    expect(blockToValues(b)).toEqual(['c', 'b']);
    expect(blockToValues(filterRows(deferredFilterBlock(dict, Int32Array.from([1, 3]), 2), Int32Array.from([1]), 1))).toEqual(['c']);
  });

  it('gathers blocks with nulls or multi-values at once', () => {
    const page = pageOf(['integer', [1, null, 3]], ['keyword', [['a', 'b'], 'c', 'd']]);
    const positions = Int32Array.from([0, 1]);
    const nulls = deferredFilterBlock(page.blocks[0], positions, 2);
    expect(pendingGather(nulls)).toBeUndefined();
    expect(blockToValues(nulls)).toEqual([1, null]);
    expect(blockToValues(deferredFilterBlock(page.blocks[1], positions, 2))).toEqual([['a', 'b'], 'c']);
  });
});
