import { describe, expect, it } from 'vitest';
import { evaluate, resolve } from './harness.js';

const ints = (...c: (number | null | number[])[]) => ({ type: 'integer' as const, cells: c });
const dbls = (...c: (number | null | number[])[]) => ({ type: 'double' as const, cells: c });
const kws = (...c: (string | null | string[])[]) => ({ type: 'keyword' as const, cells: c });
const constInt = (v: number) => ({ type: 'integer' as const, constant: v });
const constKw = (v: string) => ({ type: 'keyword' as const, constant: v });

describe('multi-value functions', () => {
  it('count, first, last, min, max', () => {
    expect(evaluate('mv_count', [kws(['a', 'b'], 'c', null)]).cells).toEqual([2, 1, null]);
    expect(evaluate('mv_first', [ints([3, 1, 2], 5, null)]).cells).toEqual([3, 5, null]);
    expect(evaluate('mv_last', [ints([3, 1, 2], 5)]).cells).toEqual([2, 5]);
    expect(evaluate('mv_max', [kws(['b', 'c', 'a'])]).cells).toEqual(['c']);
    expect(evaluate('mv_min', [dbls([-0.35, 1.13, 13.48])]).cells).toEqual([-0.35]);
    expect(evaluate('mv_first', [{ type: 'text', cells: ['x'] }]).type).toBe('keyword');
    expect(resolve('mv_count', [{ type: 'null' }])).toEqual({ type: 'integer' });
  });

  it('sum, avg, median with overflow warnings', () => {
    expect(evaluate('mv_sum', [ints([1, 2, 3], 4)]).cells).toEqual([6, 4]);
    const over = evaluate('mv_sum', [ints([2147483647, 1])]);
    expect(over.cells).toEqual([null]);
    expect(over.warnings[1]).toBe('Line 1:10: java.lang.ArithmeticException: integer overflow');
    expect(evaluate('mv_avg', [ints([1, 2], 3)])).toMatchObject({ type: 'double', cells: [1.5, 3] });
    expect(evaluate('mv_median', [ints([3, 1, 2], [1, 2, 3, 4])]).cells).toEqual([2, 2]);
    expect(evaluate('mv_median', [dbls([1, 2, 3, 4])]).cells).toEqual([2.5]);
    expect(evaluate('mv_sum', [{ type: 'unsigned_long', cells: [[1n, 2n]] }]).cells).toEqual([3n]);
  });

  it('dedupe keeps first occurrences in order', () => {
    expect(evaluate('mv_dedupe', [dbls([1.1, 2.1, 2.1])]).cells).toEqual([[1.1, 2.1]]);
    expect(evaluate('mv_dedupe', [kws(['b', 'a', 'b'])]).cells).toEqual([['b', 'a']]);
  });

  it('concat, sort, slice', () => {
    expect(evaluate('mv_concat', [kws(['foo', 'zoo', 'bar'], 'x'), constKw(', ')]).cells).toEqual(['foo, zoo, bar', 'x']);
    expect(evaluate('mv_sort', [dbls([4, 2, -3, 2])]).cells).toEqual([[-3, 2, 2, 4]]);
    expect(evaluate('mv_sort', [dbls([4, 2, -3, 2]), constKw('DESC')]).cells).toEqual([[4, 2, 2, -3]]);
    expect(evaluate('mv_sort', [{ type: 'boolean', cells: [[true, false, true]] }]).cells).toEqual([[false, true, true]]);
    expect(resolve('mv_sort', [{ type: 'integer', text: 'a' }, { type: 'keyword', constant: 'up', text: '"up"' }])).toEqual({
      error: 'Invalid order value in [mv_sort(a, "up")], expected one of [ASC, DESC] but got [up]',
    });
    expect(evaluate('mv_slice', [ints([1, 2, 3, 4]), constInt(0), constInt(1)]).cells).toEqual([[1, 2]]);
    expect(evaluate('mv_slice', [ints([1, 2, 3, 4]), constInt(-2), constInt(-1)]).cells).toEqual([[3, 4]]);
    expect(evaluate('mv_slice', [ints([1, 2, 3, 4]), constInt(2)]).cells).toEqual([3]);
    expect(evaluate('mv_slice', [ints([1, 2]), constInt(5), constInt(6)]).cells).toEqual([null]);
    expect(evaluate('mv_slice', [ints(7), constInt(0), constInt(0)]).cells).toEqual([7]);
  });

  it('append and zip', () => {
    const r = evaluate('mv_append', [ints(1, [1, 2], null), ints(2, 3, 4)]);
    expect(r.cells).toEqual([[1, 2], [1, 2, 3], null]);
    const z = evaluate('mv_zip', [kws(['x', 'y', 'z'], null), kws(['a', 'b'], ['q'])]);
    expect(z.cells).toEqual([['x,a', 'y,b', 'z'], 'q']);
    expect(evaluate('mv_zip', [kws(['x']), kws(['a']), constKw('-')]).cells).toEqual(['x-a']);
  });

  it('a multi-valued extra argument warns and yields null', () => {
    const r = evaluate('mv_concat', [kws(['a', 'b']), { type: 'keyword', cells: [[',', ';']] }]);
    expect(r.cells).toEqual([null]);
    expect(r.warnings).toHaveLength(2);
  });
});

describe('multi-value statistics and containment', () => {
  it('percentile, median absolute deviation, p-series weighted sum', () => {
    expect(evaluate('mv_percentile', [dbls([5, 5, 10, 12, 5000]), { type: 'integer', constant: 50 }]).cells).toEqual([10]);
    expect(evaluate('mv_percentile', [dbls([1, 2, 3, 4]), { type: 'integer', constant: 50 }]).cells).toEqual([2.5]);
    const bad = evaluate('mv_percentile', [dbls([1, 2]), { type: 'integer', constant: 101 }]);
    expect(bad.cells).toEqual([null]);
    expect(bad.warnings[1]).toBe(
      'Line 1:10: java.lang.IllegalArgumentException: Percentile parameter must be a number between 0 and 100, found [101]',
    );
    expect(evaluate('mv_median_absolute_deviation', [ints([0, 2, 5, 6])]).cells).toEqual([2]);
    expect(evaluate('mv_pseries_weighted_sum', [dbls([70, 45, 34]), { type: 'double', constant: 1.5 }]).cells[0]).toBeCloseTo(
      70 + 45 / Math.pow(2, 1.5) + 34 / Math.pow(3, 1.5),
      12,
    );
  });

  it('mv_contains treats null as the empty set', () => {
    const r = evaluate('mv_contains', [kws(['a', 'b', 'c'], ['a'], null, null), kws(['a', 'c'], ['a', 'b'], 'a', null)]);
    expect(r.cells).toEqual([true, false, false, true]);
  });
});
