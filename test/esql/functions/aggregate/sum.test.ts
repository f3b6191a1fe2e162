import { describe, expect, it } from 'vitest';
import { aggregate, block, build, constant, context, feed, field, resolveType } from './helpers.js';

describe('SUM', () => {
  it('resolves integer and long to long, double to double, and rejects unsigned_long and strings', () => {
    expect(resolveType('sum', [field('integer')])).toBe('long');
    expect(resolveType('sum', [field('long')])).toBe('long');
    expect(resolveType('sum', [field('double')])).toBe('double');
    expect(resolveType('sum', [field('null')])).toBe('null');
    expect(resolveType('sum', [field('unsigned_long', 'bytes_in')])).toBe(
      'error: argument of [sum(bytes_in)] must be [numeric except unsigned_long or counter types], found value [bytes_in] type [unsigned_long]',
    );
    expect(resolveType('sum', [field('keyword', 'first_name')])).toMatch(/found value \[first_name\] type \[keyword\]/);
  });

  it('echoes the call as written when the analyzer passes its source', () => {
    const r = aggregate('sum').resolve([field('keyword', 'first_name')], { line: 1, column: 24, text: 'SUM(first_name)' });
    expect(r).toEqual({
      error:
        'argument of [SUM(first_name)] must be [numeric except unsigned_long or counter types], found value [first_name] type [keyword]',
    });
  });

  it('sums integers per group into longs, with multi-values, nulls and skipped rows', () => {
    const { aggregator } = build('sum', [field('integer')]);
    const col = block('integer', [1, [2, 3], null, 100, 4]);
    const out = feed(aggregator, [{ groups: [0, 1, 0, -1, 1], columns: [col] }], 3);
    expect(out).toEqual([1, 9, null]);
    expect(aggregator.evaluate(3).type).toBe('long');
    expect(feed(aggregator, [], 3)).toEqual([1, 9, null]);
  });

  it('is null over zero rows', () => {
    expect(feed(build('sum', [field('long')]).aggregator, [], 1)).toEqual([null]);
  });

  it('sums doubles with Kahan compensation, as ES', () => {
    const { aggregator } = build('sum', [field('double')]);
    const col = block('double', [0.1, 0.2, 0.3, 0.1, 0.2, 0.3]);
    const out = feed(aggregator, [{ groups: [0, 0, 0, 1, 1, 1], columns: [col] }], 2);
    // A plain left fold gives 0.6000000000000001; the compensated sum gives 0.6.
    expect(out).toEqual([0.6, 0.6]);
  });

  it('ends with value + delta as ES does when it folds the partial sum (employees 10040 and 10074)', () => {
    const { aggregator } = build('sum', [field('double')]);
    const col = block('double', [[-8.94, 1.92, 6.97, 14.74], [-5.64, 1.98, 2.96, 6.7]]);
    expect(feed(aggregator, [{ groups: [0, 1], columns: [col] }], 2)).toEqual([14.69, 6.000000000000001]);
  });

  it('stays exact for longs past 2^53 and fails a group on long overflow with one warning', () => {
    const ctx = context('SUM(x)');
    const { aggregator } = build('sum', [field('long')], ctx);
    const big = 2 ** 62;
    const col = block('long', [big, big, big, 5, big, -big, 2 ** 53, 1, -1]);
    const out = feed(aggregator, [{ groups: [0, 0, 0, 1, 2, 2, 3, 3, 3], columns: [col] }], 4);
    // Group 3: a double fold would lose the +1 and end at 2^53 - 1; the exact sum is 2^53.
    expect(out).toEqual([null, 5, 0, 2 ** 53]);
    expect(ctx.warnings.list()).toEqual([
      'Line 2:9: evaluation of [SUM(x)] failed, treating result as null. Only first 20 failures recorded.',
      'Line 2:9: java.lang.ArithmeticException: long overflow',
    ]);
  });

  it('keeps a failed group null after further values', () => {
    const ctx = context('SUM(x)');
    const { aggregator } = build('sum', [field('long')], ctx);
    aggregator.add(Int32Array.from([0, 0]), [block('long', [2 ** 63, 2 ** 63])], 2);
    aggregator.add(Int32Array.from([0]), [block('long', [-(2 ** 63)])], 1);
    expect(feed(aggregator, [], 1)).toEqual([null]);
  });

  it('treats a single Long.MAX_VALUE (2^63 as a double) as in range', () => {
    const { aggregator } = build('sum', [field('long')]);
    expect(feed(aggregator, [{ groups: [0], columns: [block('long', [2 ** 63])] }], 1)).toEqual([2 ** 63]);
  });

  it('SUM(const) is MV_SUM(const) * rows, 0 over zero rows, null for null', () => {
    const mv = build('sum', [constant('integer', [-1, 0, 3])]);
    expect(mv.inputArgs).toEqual([]);
    expect(feed(mv.aggregator, [{ groups: [0, 0, 1, -1], columns: [] }], 3)).toEqual([4, 2, 0]);
    const dbl = build('sum', [constant('double', 2.1)]);
    expect(feed(dbl.aggregator, [{ groups: [0, 0], columns: [] }], 1)).toEqual([4.2]);
    const nul = build('sum', [constant('integer', null)]);
    expect(feed(nul.aggregator, [{ groups: [0], columns: [] }], 1)).toEqual([null]);
  });

  it('ignores a null-typed column', () => {
    const { aggregator } = build('sum', [field('null')]);
    const out = aggregator;
    out.add(Int32Array.from([0]), [block('null', [null])], 1);
    const b = out.evaluate(1);
    expect(b.type).toBe('null');
    expect(b.nulls?.[0]).toBe(1);
  });
});
