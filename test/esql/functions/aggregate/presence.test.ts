import { describe, expect, it } from 'vitest';
import { block, build, constant, feed, field, resolveType } from './helpers.js';

describe('PRESENT and ABSENT', () => {
  it('resolve to boolean for any type', () => {
    expect(resolveType('present', [field('keyword')])).toBe('boolean');
    expect(resolveType('absent', [field('null')])).toBe('boolean');
  });

  it('tell whether a group saw a non-null value; a group without rows is absent', () => {
    const col = block('integer', [null, [1, 2], null, 5]);
    const groups = [0, 1, 2, -1];
    const present = build('present', [field('integer')]).aggregator;
    expect(feed(present, [{ groups, columns: [col] }], 4)).toEqual([false, true, false, false]);
    expect(feed(present, [], 4)).toEqual([false, true, false, false]);
    const absent = build('absent', [field('integer')]).aggregator;
    expect(feed(absent, [{ groups, columns: [col] }], 4)).toEqual([true, false, true, true]);
  });

  it('of null is absent', () => {
    const present = build('present', [constant('null', null)]);
    expect(present.inputArgs).toEqual([0]);
    expect(feed(present.aggregator, [{ groups: [0], columns: [block('null', [null])] }], 1)).toEqual([false]);
  });
});
