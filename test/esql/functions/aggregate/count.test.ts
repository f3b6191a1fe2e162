import { describe, expect, it } from 'vitest';
import { blockToValues } from '../../../../src/compute/block-builder.js';
import { block, build, constant, feed, field, resolveType } from './helpers.js';

describe('COUNT', () => {
  it('resolves to long for any argument, and for COUNT(*)', () => {
    expect(resolveType('count', [])).toBe('long');
    expect(resolveType('count', [field('keyword')])).toBe('long');
    expect(resolveType('count', [field('integer'), field('integer')])).toMatch(/^error: error building \[count\]/);
  });

  it('COUNT(*) counts rows per group, skipping negative group ids', () => {
    const { aggregator, inputArgs } = build('count', []);
    expect(inputArgs).toEqual([]);
    const out = feed(aggregator, [{ groups: [0, 1, 1, -1, 2, 0], columns: [] }], 4);
    expect(out).toEqual([2, 2, 1, 0]);
  });

  it('COUNT(*) with one group (no BY) counts the rows whose id is not negative', () => {
    const { aggregator } = build('count', []);
    aggregator.add(Int32Array.from([0, -1, 0, 0, -7]), [], 5, 1);
    aggregator.add(Int32Array.from([-1, 0]), [], 2, 1);
    aggregator.add(Int32Array.from([0, 0, 0]), [], 2, 1); // only the first positionCount ids
    expect(blockToValues(aggregator.evaluate(1))).toEqual([6]);
  });

  it('COUNT(expr) counts each value of a multi-value and ignores nulls', () => {
    const { aggregator, inputArgs } = build('count', [field('keyword')]);
    expect(inputArgs).toEqual([0]);
    const col = block('keyword', [['a', 'b', 'c'], null, 'x', 'y', ['p', 'q']]);
    const out = feed(aggregator, [{ groups: [0, 0, 1, -1, 1], columns: [col] }], 3);
    expect(out).toEqual([3, 3, 0]);
  });

  it('accumulates over several pages and evaluate does not reset state', () => {
    const { aggregator } = build('count', [field('integer')]);
    aggregator.add(Int32Array.from([0, 1]), [block('integer', [1, 2])], 2);
    aggregator.add(Int32Array.from([1, 1]), [block('integer', [3, null])], 2);
    const first = aggregator.evaluate(2);
    const second = aggregator.evaluate(2);
    expect(first).toEqual(second);
    expect(Array.from(first.values as Float64Array)).toEqual([1, 2]);
    expect(first.type).toBe('long');
  });

  it('is 0, not null, over zero rows', () => {
    const { aggregator } = build('count', [field('double')]);
    expect(feed(aggregator, [], 1)).toEqual([0]);
  });

  it('COUNT(const) is MV_COUNT(const) * rows, COUNT(null) is 0', () => {
    const mv = build('count', [constant('integer', [-1, 0, 3])]);
    expect(mv.inputArgs).toEqual([]);
    expect(feed(mv.aggregator, [{ groups: [0, 0, 1, -1], columns: [] }], 2)).toEqual([6, 3]);
    const nul = build('count', [constant('null', null)]);
    expect(feed(nul.aggregator, [{ groups: [0, 0], columns: [] }], 1)).toEqual([0]);
  });

  it('counts nothing from a null-typed column', () => {
    const { aggregator } = build('count', [field('null')]);
    expect(feed(aggregator, [{ groups: [0, 0], columns: [block('null', [null, null])] }], 1)).toEqual([0]);
  });

  it('reports its memory', () => {
    const { aggregator } = build('count', []);
    aggregator.add(Int32Array.from([100]), [], 1);
    expect(aggregator.estimatedBytes()).toBeGreaterThanOrEqual(101 * 8);
  });
});
