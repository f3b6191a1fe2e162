import { describe, expect, it } from 'vitest';
import { block, build, constant, context, feed, field, resolveType } from './helpers.js';

describe('WEIGHTED_AVG', () => {
  it('resolves to double and rejects a null or zero constant weight', () => {
    expect(resolveType('weighted_avg', [field('integer'), field('double')])).toBe('double');
    expect(resolveType('weighted_avg', [field('integer', 'salary'), constant('integer', 0)])).toBe(
      'error: second argument of [weighted_avg(salary, 0)] cannot be null or 0, received [0]',
    );
    expect(resolveType('weighted_avg', [field('integer', 'salary'), constant('null', null)])).toBe(
      'error: second argument of [weighted_avg(salary, null)] cannot be null or 0, received [null]',
    );
    expect(resolveType('weighted_avg', [field('keyword', 'k'), field('integer', 'w')])).toMatch(
      /^error: first argument of \[weighted_avg\(k, w\)\] must be \[numeric except unsigned_long or counter types\]/,
    );
  });

  it('is SUM(x * w) / SUM(w) per group', () => {
    const { aggregator, inputArgs } = build('weighted_avg', [field('integer'), field('double')]);
    expect(inputArgs).toEqual([0, 1]);
    const x = block('integer', [10, 20, 30, 5, 100]);
    const w = block('double', [1, 3, 2, 2, 1]);
    const out = feed(aggregator, [{ groups: [0, 0, 1, 1, -1], columns: [x, w] }], 3);
    expect(out).toEqual([17.5, 17.5, null]);
    expect(feed(aggregator, [], 3)).toEqual([17.5, 17.5, null]);
  });

  it('a multi-value on either side nulls that row with one warning; SUM(w) still counts every weight', () => {
    const ctx = context('weighted_avg(salary, salary_change.int)');
    const { aggregator } = build('weighted_avg', [field('integer'), field('integer')], ctx);
    const x = block('integer', [10, 20, [1, 2], null]);
    const w = block('integer', [1, [1, 2], 1, 6]);
    // products: 10*1 only; weights: 1 + 1 + 2 + 1 + 6 = 11
    expect(feed(aggregator, [{ groups: [0, 0, 0, 0], columns: [x, w] }], 1)).toEqual([10 / 11]);
    expect(ctx.warnings.list()).toEqual([
      'Line 2:9: evaluation of [weighted_avg(salary, salary_change.int)] failed, treating result as null. Only first 20 failures recorded.',
      'Line 2:9: java.lang.IllegalArgumentException: single-value function encountered multi-value',
    ]);
  });

  it('weights summing to zero give null and / by zero', () => {
    const ctx = context('weighted_avg(salary, w)');
    const { aggregator } = build('weighted_avg', [field('integer'), field('integer')], ctx);
    const out = feed(aggregator, [{ groups: [0, 0], columns: [block('integer', [5, 6]), block('integer', [0, 0])] }], 1);
    expect(out).toEqual([null]);
    expect(ctx.warnings.list()[1]).toBe('Line 2:9: java.lang.ArithmeticException: / by zero');
  });

  it('with a constant weight is SUM(x) / COUNT(x), with long overflow', () => {
    const ctx = context('WEIGHTED_AVG(x, 1)');
    const c = build('weighted_avg', [field('long'), constant('integer', 1)], ctx);
    expect(c.inputArgs).toEqual([0]);
    const x = block('long', [[1, 2, 3], 4, 2 ** 63, 2 ** 63]);
    expect(feed(c.aggregator, [{ groups: [0, 0, 1, 1], columns: [x] }], 3)).toEqual([2.5, null, null]);
    expect(ctx.warnings.list()[1]).toBe('Line 2:9: java.lang.ArithmeticException: long overflow');
  });

  it('with a constant field is MV_AVG(field) whatever the rows', () => {
    const c = build('weighted_avg', [constant('integer', [1, 2, 3]), constant('integer', 1)]);
    expect(c.inputArgs).toEqual([]);
    expect(feed(c.aggregator, [{ groups: [0], columns: [] }], 2)).toEqual([2, 2]);
  });

  it('integer products that overflow an int are null with a warning', () => {
    const ctx = context('weighted_avg(a, b)');
    const { aggregator } = build('weighted_avg', [field('integer'), field('integer')], ctx);
    const out = feed(aggregator, [{ groups: [0, 0], columns: [block('integer', [2 ** 30, 3]), block('integer', [4, 1])] }], 1);
    expect(out).toEqual([3 / 5]);
    expect(ctx.warnings.list()[1]).toBe('Line 2:9: java.lang.ArithmeticException: integer overflow');
  });
});
