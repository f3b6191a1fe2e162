import { describe, expect, it } from 'vitest';
import { block, build, constant, feed, field, resolveType } from './helpers.js';

describe('AVG', () => {
  it('resolves to double for numbers and rejects others', () => {
    expect(resolveType('avg', [field('integer')])).toBe('double');
    expect(resolveType('avg', [field('null')])).toBe('double');
    expect(resolveType('avg', [field('datetime', 'd')])).toMatch(/^error: argument of \[avg\(d\)\] must be/);
  });

  it('averages every value per group, multi-values included', () => {
    const { aggregator } = build('avg', [field('integer')]);
    const col = block('integer', [1, [2, 4], null, 100, 3]);
    const out = feed(aggregator, [{ groups: [0, 0, 0, -1, 1], columns: [col] }], 3);
    expect(out).toEqual([7 / 3, 3, null]);
    expect(feed(aggregator, [], 3)).toEqual([7 / 3, 3, null]);
  });

  it('does not overflow on huge longs (double sum, as ES)', () => {
    const { aggregator } = build('avg', [field('long')]);
    const out = feed(aggregator, [{ groups: [0, 0], columns: [block('long', [2 ** 63, 2 ** 63])] }], 1);
    expect(out).toEqual([9.223372036854776e18]);
  });

  it('AVG(const) is MV_AVG(const) whatever the rows', () => {
    const { aggregator, inputArgs } = build('avg', [constant('integer', [-1, 0, 3])]);
    expect(inputArgs).toEqual([]);
    expect(feed(aggregator, [{ groups: [0], columns: [] }], 2)).toEqual([2 / 3, 2 / 3]);
    expect(feed(build('avg', [constant('null', null)]).aggregator, [], 1)).toEqual([null]);
  });
});
