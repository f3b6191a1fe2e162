import { describe, expect, it } from 'vitest';
import { block, build, feed, field, resolveType } from './helpers.js';

describe('VALUES', () => {
  it('keeps the input type (text as keyword, null as null)', () => {
    expect(resolveType('values', [field('integer')])).toBe('integer');
    expect(resolveType('values', [field('text')])).toBe('keyword');
    expect(resolveType('values', [field('null')])).toBe('null');
  });

  it('collects distinct values per group in first-seen order', () => {
    const col = block('keyword', [['blue', 'pink'], 'yellow', 'blue', null, 'red', 'x']);
    const groups = [0, 0, 0, 0, 1, -1];
    const agg = build('values', [field('keyword')]).aggregator;
    expect(feed(agg, [{ groups, columns: [col] }], 3)).toEqual([['blue', 'pink', 'yellow'], 'red', null]);
    expect(feed(agg, [], 3)).toEqual([['blue', 'pink', 'yellow'], 'red', null]);
  });

  it('numbers, booleans and unsigned longs', () => {
    const ints = build('values', [field('integer')]).aggregator;
    expect(feed(ints, [{ groups: [0, 0, 0], columns: [block('integer', [[1, 2, 3], 2, 1])] }], 1)).toEqual([[1, 2, 3]]);
    const bools = build('values', [field('boolean')]).aggregator;
    expect(feed(bools, [{ groups: [0, 0, 0], columns: [block('boolean', [true, false, true])] }], 1)).toEqual([[true, false]]);
    const uls = build('values', [field('unsigned_long')]).aggregator;
    expect(feed(uls, [{ groups: [0, 0], columns: [block('unsigned_long', [2n ** 64n - 1n, 1n])] }], 1)).toEqual([
      [2n ** 64n - 1n, 1n],
    ]);
  });

  it('gives null over zero rows and for a null column', () => {
    const agg = build('values', [field('null')]).aggregator;
    agg.add(Int32Array.from([0]), [block('null', [null])], 1);
    const out = agg.evaluate(1);
    expect(out.type).toBe('null');
    expect(out.nulls?.[0]).toBe(1);
    expect(feed(build('values', [field('long')]).aggregator, [], 1)).toEqual([null]);
  });
});
