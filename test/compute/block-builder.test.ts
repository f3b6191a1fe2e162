import { describe, expect, it } from 'vitest';
import {
  BlockBuilder,
  blockFromValues,
  blockToValues,
  filterBlock,
  sliceBlock,
} from '../../src/compute/block-builder.js';
import { valueCount } from '../../src/compute/block.js';

describe('BlockBuilder', () => {
  it('builds a single-valued block with typed values and no null bitmap when there is no null', () => {
    const b = new BlockBuilder('integer', 2).appendNumber(1).appendNumber(2).appendNumber(3).build();
    expect(b.values).toBeInstanceOf(Int32Array);
    expect(Array.from(b.values as Int32Array)).toEqual([1, 2, 3]);
    expect(b.nulls).toBeUndefined();
    expect(b.firstValueIndexes).toBeUndefined();
  });

  it('keeps placeholders for nulls in single-valued blocks', () => {
    const b = blockFromValues('double', [1.5, null, -0]);
    expect(b.positionCount).toBe(3);
    expect(Array.from(b.nulls ?? [])).toEqual([0, 1, 0]);
    expect((b.values as Float64Array).length).toBe(3);
    expect(Object.is((b.values as Float64Array)[2], -0)).toBe(true);
  });

  it('switches to the offsets layout at the first multi-value and drops null placeholders', () => {
    const b = blockFromValues('keyword', ['a', null, ['b', 'c'], 'd', [], ['e']]);
    expect(Array.from(b.firstValueIndexes ?? [])).toEqual([0, 1, 1, 3, 4, 4, 5]);
    expect(b.values).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(blockToValues(b)).toEqual(['a', null, ['b', 'c'], 'd', null, 'e']);
    expect(valueCount(b, 2)).toBe(2);
    expect(valueCount(b, 4)).toBe(0);
  });

  it('sizes the null bitmap to every position, also after a long run of values following a null', () => {
    const values: (number | null)[] = [null];
    for (let i = 0; i < 100; i++) values.push(i);
    const b = blockFromValues('integer', values);
    expect(b.nulls?.length).toBe(101);
    expect(blockToValues(b)[100]).toBe(99);
  });

  it('converts scalars to the physical kind of the type', () => {
    expect(blockToValues(blockFromValues('boolean', [true, false, null]))).toEqual([true, false, null]);
    const ul = blockFromValues('unsigned_long', [18446744073709551615n, 1]);
    expect(ul.values).toBeInstanceOf(BigUint64Array);
    expect(blockToValues(ul)).toEqual([18446744073709551615n, 1n]);
    const n = blockFromValues('null', [null, null]);
    expect(n.values).toBeNull();
    expect(blockToValues(n)).toEqual([null, null]);
  });

  it('build() copies, so appending can continue after a snapshot', () => {
    const builder = new BlockBuilder('long').appendNumber(1);
    const first = builder.build();
    builder.appendNumber(2);
    expect(blockToValues(first)).toEqual([1]);
    expect(blockToValues(builder.build())).toEqual([1, 2]);
  });

  it('grows past its initial capacity', () => {
    const builder = new BlockBuilder('integer', 1);
    for (let i = 0; i < 10_000; i++) {
      if (i % 7 === 0) builder.appendNull();
      else if (i % 11 === 0) builder.beginPositionEntry().appendNumber(i).appendNumber(-i).endPositionEntry();
      else builder.appendNumber(i);
    }
    const values = blockToValues(builder.build());
    expect(values.length).toBe(10_000);
    expect(values[7]).toBeNull();
    expect(values[11]).toEqual([11, -11]);
    expect(values[9998]).toBe(9998);
  });

  it('copies positions from another block', () => {
    const src = blockFromValues('ip', ['1.1.1.1', null, ['::1', '10.0.0.1']]);
    const b = new BlockBuilder('ip');
    for (const p of [2, 1, 0]) b.copyPosition(src, p);
    expect(blockToValues(b.build())).toEqual([['::1', '10.0.0.1'], null, '1.1.1.1']);
  });

  it('rejects misuse of position entries', () => {
    const b = new BlockBuilder('integer');
    expect(() => b.endPositionEntry()).toThrow();
    b.beginPositionEntry();
    expect(() => b.build()).toThrow();
  });
});

describe('filterBlock / sliceBlock', () => {
  const positions = (...p: number[]) => Int32Array.from(p);

  it('filters single-valued blocks keeping nulls, in the given order, with repeats', () => {
    const b = blockFromValues('integer', [10, null, 30, 40]);
    const f = filterBlock(b, positions(3, 1, 3, 0), 4);
    expect(blockToValues(f)).toEqual([40, null, 40, 10]);
    expect(filterBlock(b, positions(0, 2), 2).nulls).toBeUndefined();
  });

  it('filters multi-valued blocks and keeps mvSorted', () => {
    const b = { ...blockFromValues('long', [[1, 2], null, 3, [4, 5, 6]]), mvSorted: true };
    const f = filterBlock(b, positions(3, 1, 0), 3);
    expect(blockToValues(f)).toEqual([[4, 5, 6], null, [1, 2]]);
    expect(f.mvSorted).toBe(true);
  });

  it('honours count smaller than the positions array', () => {
    const b = blockFromValues('keyword', ['a', 'b', 'c']);
    expect(blockToValues(filterBlock(b, positions(2, 1, 0), 2))).toEqual(['c', 'b']);
  });

  it('slices single and multi-valued blocks', () => {
    const s = blockFromValues('double', [1, null, 3, 4]);
    expect(blockToValues(sliceBlock(s, 1, 3))).toEqual([null, 3]);
    expect(sliceBlock(s, 2, 4).nulls).toBeUndefined();
    const m = blockFromValues('keyword', [['a', 'b'], null, 'c', ['d', 'e']]);
    const sl = sliceBlock(m, 1, 4);
    expect(blockToValues(sl)).toEqual([null, 'c', ['d', 'e']]);
    expect(sl.firstValueIndexes?.[0]).toBe(0);
    expect(blockToValues(sliceBlock(blockFromValues('null', [null, null, null]), 0, 2))).toEqual([null, null]);
  });
});
