import { describe, expect, it } from 'vitest';
import {
  compareBigInts,
  compareIp,
  compareUtf8,
  compareVersion,
  ipSortKey,
  parseIp,
  valueComparator,
} from '../../src/compute/value-order.js';

const sorted = <T>(values: T[], cmp: (a: T, b: T) => number) => [...values].sort(cmp);

describe('value order', () => {
  it('orders strings by UTF-8 bytes, not UTF-16 units', () => {
    // U+FF21 (fullwidth A, 3 UTF-8 bytes EF BC A1) sorts before U+1F600 (4 bytes F0 ...), though
    // its UTF-16 unit 0xFF21 is above the surrogate 0xD83D.
    expect(compareUtf8('\uff21', '\u{1f600}')).toBeLessThan(0);
    expect('\uff21' < '\u{1f600}').toBe(false);
    expect(sorted(['b', 'a', 'B', 'ab', ''], compareUtf8)).toEqual(['', 'B', 'a', 'ab', 'b']);
    expect(compareUtf8('é', 'z')).toBeGreaterThan(0);
  });

  it('orders ips by their 16-byte IPv4-mapped value', () => {
    expect(sorted(['10.0.0.1', '::1', '2.0.0.0', 'fe80::1', '::ffff:1.0.0.0'], compareIp)).toEqual([
      '::1',
      '::ffff:1.0.0.0',
      '2.0.0.0',
      '10.0.0.1',
      'fe80::1',
    ]);
    expect(compareIp('1.2.3.4', '::ffff:1.2.3.4')).toBe(0);
    expect(ipSortKey('1.2.3.4')).toBe('00000000000000000000ffff01020304');
    expect(parseIp('not an ip')).toBeNull();
    expect(parseIp('1:2:3:4:5:6:7:8')?.[15]).toBe(8);
  });

  it('orders versions semver-ish with non-versions last', () => {
    expect(compareVersion('2.12.0', '2.3.4')).toBeGreaterThan(0);
    expect(compareVersion('1.0.0-SNAPSHOT', '1.0.0')).toBeLessThan(0);
    expect(compareVersion('1.0.0-alpha.2', '1.0.0-alpha.10')).toBeLessThan(0);
    expect(compareVersion('1.0.0-alpha', '1.0.0-alpha.1')).toBeLessThan(0);
    expect(compareVersion('1.0.0-1', '1.0.0-alpha')).toBeLessThan(0);
    expect(
      sorted(['bad', '1.11.0', '5.2.9-SNAPSHOT', '1.2.3', '5.2.9', 'abc', '1.2'], compareVersion),
    ).toEqual(['1.2', '1.2.3', '1.11.0', '5.2.9-SNAPSHOT', '5.2.9', 'abc', 'bad']);
  });

  it('orders booleans false < true and unsigned_long as bigint', () => {
    expect(valueComparator('boolean')(0, 1)).toBeLessThan(0);
    expect(compareBigInts(18446744073709551615n, 9007199254740993n)).toBeGreaterThan(0);
    expect(valueComparator('unsigned_long')(2n, 10n)).toBeLessThan(0);
    expect(valueComparator('double')(-1.5, -2)).toBeGreaterThan(0);
    expect(valueComparator('keyword')('a', 'a')).toBe(0);
  });
});
