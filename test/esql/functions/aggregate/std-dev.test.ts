import { describe, expect, it } from 'vitest';
import { block, build, feed, field, resolveType } from './helpers.js';

describe('STD_DEV and VARIANCE', () => {
  it('resolve to double; STD_VAR is VARIANCE', () => {
    expect(resolveType('std_dev', [field('integer')])).toBe('double');
    expect(resolveType('variance', [field('long')])).toBe('double');
    expect(resolveType('std_var', [field('double')])).toBe('double');
    expect(resolveType('std_dev', [field('keyword', 'k')])).toMatch(/^error: argument of \[std_dev\(k\)\]/);
  });

  it('population statistics per group with multi-values', () => {
    const col = block('integer', [[1, 2, 3], 5, 2, null, 9]);
    const groups = [0, 1, 1, 1, -1];
    const sd = build('std_dev', [field('integer')]).aggregator;
    const out = feed(sd, [{ groups, columns: [col] }], 3);
    expect(out[0]).toBeCloseTo(Math.sqrt(2 / 3), 15);
    expect(out[1]).toBe(1.5);
    expect(out[2]).toBeNull();
    expect(feed(sd, [], 3)).toEqual(out);
    const v = build('variance', [field('integer')]).aggregator;
    const vout = feed(v, [{ groups, columns: [col] }], 2);
    expect(vout[0]).toBeCloseTo(2 / 3, 15);
    expect(vout[1]).toBe(2.25);
  });

  it('is 0 for a constant group and null over zero rows', () => {
    const sd = build('std_dev', [field('double')]).aggregator;
    expect(feed(sd, [{ groups: [0, 0, 0], columns: [block('double', [2, 2, 2])] }], 2)).toEqual([0, null]);
  });
});
