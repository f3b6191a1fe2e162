import { describe, expect, it } from 'vitest';
import { block, build, feed, field, resolveType } from './helpers.js';

describe('MIN and MAX', () => {
  it('keep the input type (text reported as keyword)', () => {
    for (const t of ['integer', 'long', 'double', 'datetime', 'boolean', 'ip', 'version', 'keyword', 'unsigned_long', 'null'] as const) {
      expect(resolveType('min', [field(t)])).toBe(t);
      expect(resolveType('max', [field(t)])).toBe(t);
    }
    expect(resolveType('max', [field('text')])).toBe('keyword');
  });

  it('numbers per group with multi-values, nulls and skipped rows', () => {
    const col = block('integer', [5, [1, 9], null, -100, 7, 3]);
    const groups = [0, 0, 1, -1, 2, 2];
    expect(feed(build('min', [field('integer')]).aggregator, [{ groups, columns: [col] }], 4)).toEqual([1, null, 3, null]);
    const max = build('max', [field('integer')]).aggregator;
    expect(feed(max, [{ groups, columns: [col] }], 4)).toEqual([9, null, 7, null]);
    expect(feed(max, [], 4)).toEqual([9, null, 7, null]);
    expect(max.evaluate(4).type).toBe('integer');
  });

  it('doubles and dates', () => {
    const col = block('double', [1.5, -2.25, 0.1]);
    expect(feed(build('min', [field('double')]).aggregator, [{ groups: [0, 0, 0], columns: [col] }], 1)).toEqual([-2.25]);
    const dates = block('datetime', [Date.UTC(1999, 3, 30), Date.UTC(1985, 0, 1)]);
    expect(feed(build('max', [field('datetime')]).aggregator, [{ groups: [0, 0], columns: [dates] }], 1)).toEqual([
      Date.UTC(1999, 3, 30),
    ]);
  });

  it('booleans: false < true', () => {
    const col = block('boolean', [[false, true], false, false]);
    expect(feed(build('max', [field('boolean')]).aggregator, [{ groups: [0, 1, 1], columns: [col] }], 2)).toEqual([true, false]);
    expect(feed(build('min', [field('boolean')]).aggregator, [{ groups: [0, 1, 1], columns: [col] }], 2)).toEqual([false, false]);
  });

  it('unsigned longs exactly', () => {
    const col = block('unsigned_long', [18446744073709551615n, 0n, 5n]);
    expect(feed(build('max', [field('unsigned_long')]).aggregator, [{ groups: [0, 0, 0], columns: [col] }], 1)).toEqual([
      18446744073709551615n,
    ]);
    expect(feed(build('min', [field('unsigned_long')]).aggregator, [{ groups: [0, 0, 0], columns: [col] }], 1)).toEqual([0n]);
  });

  it('keywords by UTF-8 bytes, text as keyword', () => {
    const col = block('text', ['Zaporozhye', 'abc', 'Abdul', 'é']);
    const max = build('max', [field('text')]).aggregator;
    expect(feed(max, [{ groups: [0, 0, 0, 0], columns: [col] }], 1)).toEqual(['é']);
    expect(max.evaluate(1).type).toBe('keyword');
    const min = build('min', [field('text')]).aggregator;
    expect(feed(min, [{ groups: [0, 0, 0, -1], columns: [col] }], 1)).toEqual(['Abdul']);
  });

  it('ips by address and versions by semver', () => {
    const ips = block('ip', ['fe80::cae2:65ff:fece:feb9', '127.0.0.1', 'fe82::cae2:65ff:fece:fec0']);
    expect(feed(build('min', [field('ip')]).aggregator, [{ groups: [0, 0, 0], columns: [ips] }], 1)).toEqual(['127.0.0.1']);
    expect(feed(build('max', [field('ip')]).aggregator, [{ groups: [0, 0, 0], columns: [ips] }], 1)).toEqual([
      'fe82::cae2:65ff:fece:fec0',
    ]);
    const versions = block('version', ['2.12.0', '2.3.4', 'bad', '1.2.3.4']);
    expect(feed(build('max', [field('version')]).aggregator, [{ groups: [0, 0, 1, 1], columns: [versions] }], 2)).toEqual([
      '2.12.0',
      'bad',
    ]);
    expect(feed(build('min', [field('version')]).aggregator, [{ groups: [0, 0, 1, 1], columns: [versions] }], 2)).toEqual([
      '2.3.4',
      '1.2.3.4',
    ]);
  });

  it('null-typed input gives null', () => {
    const agg = build('min', [field('null')]).aggregator;
    agg.add(Int32Array.from([0]), [block('null', [null])], 1);
    const out = agg.evaluate(2);
    expect(out.type).toBe('null');
    expect(out.positionCount).toBe(2);
  });
});
