import { describe, expect, it } from 'vitest';
import { block, build, constant, feed, field, resolveType } from './helpers.js';

const asc = constant('keyword', 'ASC', '"ASC"');
const desc = constant('keyword', 'desc', '"desc"');

describe('TOP', () => {
  it('resolves to the field type and validates limit and order', () => {
    expect(resolveType('top', [field('integer'), constant('integer', 3), asc])).toBe('integer');
    expect(resolveType('top', [field('text'), constant('integer', 3), asc])).toBe('keyword');
    expect(resolveType('top', [field('integer', 'x'), constant('integer', 0), asc])).toBe(
      'error: Limit must be greater than 0 in [top(x, 0, "ASC")], found [0]',
    );
    expect(resolveType('top', [field('integer', 'x'), constant('integer', 1), constant('keyword', 'up', '"up"')])).toBe(
      'error: Invalid order value in [top(x, 1, "up")], expected [ASC, DESC] but got [up]',
    );
    expect(resolveType('top', [field('integer', 'x'), field('integer', 'n'), asc])).toBe(
      'error: second argument of [top(x, n, "ASC")] must be a constant, received [n]',
    );
    expect(resolveType('top', [field('unsigned_long', 'u'), constant('integer', 1), asc])).toMatch(/^error: first argument/);
  });

  it('keeps the n smallest (asc) or largest (desc) per group, duplicates included', () => {
    const col = block('integer', [5, [1, 9], 3, 3, null, 7, -50]);
    const groups = [0, 0, 0, 0, 1, 1, -1];
    const top2 = build('top', [field('integer'), constant('integer', 3), asc]).aggregator;
    expect(feed(top2, [{ groups, columns: [col] }], 3)).toEqual([[1, 3, 3], 7, null]);
    expect(feed(top2, [], 3)).toEqual([[1, 3, 3], 7, null]);
    const topDesc = build('top', [field('integer'), constant('integer', 2), desc]).aggregator;
    expect(feed(topDesc, [{ groups, columns: [col] }], 2)).toEqual([[9, 5], 7]);
    const one = build('top', [field('integer'), constant('integer', 1), asc]).aggregator;
    expect(feed(one, [{ groups, columns: [col] }], 2)).toEqual([1, 7]);
  });

  it('strings and ips in their own order, across pages', () => {
    const agg = build('top', [field('keyword'), constant('integer', 2), desc]).aggregator;
    agg.add(Int32Array.from([0, 0]), [block('keyword', ['b', 'a'])], 2);
    agg.add(Int32Array.from([0, 0]), [block('keyword', ['c', 'a'])], 2);
    expect(feed(agg, [], 1)).toEqual([['c', 'b']]);
    const ips = build('top', [field('ip'), constant('integer', 2), asc]).aggregator;
    const col = block('ip', ['fe80::1', '10.0.0.2', '9.0.0.1']);
    expect(feed(ips, [{ groups: [0, 0, 0], columns: [col] }], 1)).toEqual([['9.0.0.1', '10.0.0.2']]);
  });

  it('booleans and dates', () => {
    const b = build('top', [field('boolean'), constant('integer', 2), desc]).aggregator;
    expect(feed(b, [{ groups: [0, 0, 0], columns: [block('boolean', [false, true, false])] }], 1)).toEqual([[true, false]]);
    const d = build('top', [field('datetime'), constant('integer', 1), desc]).aggregator;
    expect(feed(d, [{ groups: [0, 0], columns: [block('datetime', [10, 20])] }], 1)).toEqual([20]);
  });
});
