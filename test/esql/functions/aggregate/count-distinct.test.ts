import { describe, expect, it } from 'vitest';
import { block, build, constant, feed, field, resolveType } from './helpers.js';

describe('COUNT_DISTINCT', () => {
  it('resolves to long; rejects unsigned_long and a non-constant precision', () => {
    expect(resolveType('count_distinct', [field('keyword')])).toBe('long');
    expect(resolveType('count_distinct', [field('ip'), constant('integer', 80000)])).toBe('long');
    expect(resolveType('count_distinct', [field('unsigned_long', 'u')])).toMatch(/^error: argument of \[count_distinct\(u\)\]/);
    expect(resolveType('count_distinct', [field('integer', 'x'), field('integer', 'p')])).toBe(
      'error: second argument of [count_distinct(x, p)] must be a constant, received [p]',
    );
  });

  it('counts distinct values per group, each value of a multi-value', () => {
    const col = block('ip', [['127.0.0.1', '::1'], '127.0.0.1', null, '10.0.0.1', '8.8.8.8']);
    const groups = [0, 0, 0, 1, -1];
    const agg = build('count_distinct', [field('ip')]).aggregator;
    expect(feed(agg, [{ groups, columns: [col] }], 3)).toEqual([2, 1, 0]);
    expect(feed(agg, [], 3)).toEqual([2, 1, 0]);
    expect(agg.evaluate(3).type).toBe('long');
  });

  it('counts across pages and numbers', () => {
    const agg = build('count_distinct', [field('double'), constant('integer', 100)]);
    expect(agg.inputArgs).toEqual([0]);
    agg.aggregator.add(Int32Array.from([0, 0]), [block('double', [1.5, 2])], 2);
    agg.aggregator.add(Int32Array.from([0, 0]), [block('double', [2, 1.5])], 2);
    expect(feed(agg.aggregator, [], 1)).toEqual([2]);
  });

  it('of a constant: distinct values of the constant, null counts 0', () => {
    const c = build('count_distinct', [constant('integer', [-1, 0, 3, 1, -1, 3])]);
    expect(c.inputArgs).toEqual([]);
    expect(feed(c.aggregator, [{ groups: [0], columns: [] }], 2)).toEqual([4, 4]);
    expect(feed(build('count_distinct', [constant('null', null)]).aggregator, [], 1)).toEqual([0]);
  });
});

describe('COUNT_DISTINCT precision', () => {
  it('a tiny precision threshold makes the count approximate, as ES HyperLogLog++', () => {
    const ips = [
      '127.0.0.1',
      '::1',
      '127.0.0.2',
      '128.0.0.1',
      'fe81::cae2:65ff:fece:feb9',
      '127.0.0.3',
      'fe80::cae2:65ff:fece:fec1',
      'fe82::cae2:65ff:fece:fec0',
    ];
    const col = block('ip', ips);
    const groups = ips.map(() => 0);
    const low = build('count_distinct', [field('ip'), constant('integer', 5)]).aggregator;
    expect(feed(low, [{ groups, columns: [col] }], 1)).toEqual([9]);
    const high = build('count_distinct', [field('ip'), constant('integer', 80000)]).aggregator;
    expect(feed(high, [{ groups, columns: [col] }], 1)).toEqual([8]);
  });
});
