import { describe, expect, it } from 'vitest';
import { block, build, constant, feed, field, resolveType } from './helpers.js';

describe('PERCENTILE, MEDIAN, MEDIAN_ABSOLUTE_DEVIATION', () => {
  it('resolve to double; the percentile must be a constant in range', () => {
    expect(resolveType('median', [field('long')])).toBe('double');
    expect(resolveType('median_absolute_deviation', [field('integer')])).toBe('double');
    expect(resolveType('percentile', [field('integer'), constant('integer', 50)])).toBe('double');
    expect(resolveType('percentile', [field('integer', 'x'), field('integer', 'p')])).toBe(
      'error: second argument of [percentile(x, p)] must be a constant, received [p]',
    );
    expect(resolveType('percentile', [field('keyword', 'k'), constant('integer', 50)])).toBe(
      'error: first argument of [percentile(k, 50)] must be [numeric except unsigned_long], found value [k] type [keyword]',
    );
    expect(resolveType('percentile', [field('integer'), constant('integer', 101)])).toMatch(/^error: /);
  });

  it('interpolates linearly between closest ranks, per group', () => {
    const col = block('integer', [1, 2, 3, 4, [5, 10], null, 1000]);
    const groups = [0, 0, 0, 0, 1, 1, -1];
    const median = build('median', [field('integer')]).aggregator;
    expect(feed(median, [{ groups, columns: [col] }], 3)).toEqual([2.5, 7.5, null]);
    expect(feed(median, [], 3)).toEqual([2.5, 7.5, null]);
    const p = build('percentile', [field('integer'), constant('integer', 50)]);
    expect(p.inputArgs).toEqual([0]);
    expect(feed(p.aggregator, [{ groups, columns: [col] }], 3)).toEqual([2.5, 7.5, null]);
    const p90 = build('percentile', [field('integer'), constant('integer', 90)]).aggregator;
    // index 0.9 * 3 = 2.7 between 3 and 4
    expect(feed(p90, [{ groups, columns: [col] }], 2)[0]).toBeCloseTo(3.7, 12);
    const p0 = build('percentile', [field('integer'), constant('integer', 0)]).aggregator;
    expect(feed(p0, [{ groups, columns: [col] }], 2)).toEqual([1, 5]);
  });

  it('accumulates across pages in any order', () => {
    const median = build('median', [field('double')]).aggregator;
    median.add(Int32Array.from([0, 1]), [block('double', [9.5, 1])], 2);
    median.add(Int32Array.from([0, 0]), [block('double', [0.5, 3])], 2);
    expect(feed(median, [], 2)).toEqual([3, 1]);
  });

  it('median absolute deviation', () => {
    const mad = build('median_absolute_deviation', [field('integer')]).aggregator;
    const col = block('integer', [1, 3, 4, 7, 11, 18, 1, 3]);
    expect(feed(mad, [{ groups: [0, 0, 0, 0, 0, 0, 1, 1], columns: [col] }], 3)).toEqual([3.5, 1, null]);
  });

  it('of a constant: MV_MEDIAN / MV_PERCENTILE / MV_MEDIAN_ABSOLUTE_DEVIATION whatever the rows', () => {
    const m = build('median', [constant('integer', [5, 6, 7, 8, 9])]);
    expect(m.inputArgs).toEqual([]);
    expect(feed(m.aggregator, [{ groups: [0, 0], columns: [] }], 2)).toEqual([7, 7]);
    const mad = build('median_absolute_deviation', [constant('integer', [3, 11, 14, 25])]).aggregator;
    expect(feed(mad, [], 1)).toEqual([5.5]);
    expect(feed(build('median', [constant('null', null)]).aggregator, [], 1)).toEqual([null]);
  });

  it('reports memory that grows with the samples', () => {
    const median = build('median', [field('double')]).aggregator;
    const before = median.estimatedBytes();
    median.add(new Int32Array(100), [block('double', new Array(100).fill(1))], 100);
    expect(median.estimatedBytes()).toBeGreaterThan(before);
  });
});
