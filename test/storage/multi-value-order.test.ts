import { describe, expect, it } from 'vitest';
import { compareUtf8, compareVersionText, normalizeMultiValue } from '../../src/storage/multi-value-order.js';

describe('multi-value order', () => {
  it('sorts versions semantically with invalid ones last', () => {
    const v = ['bad', '2.12.0', '5.2.9', '2.3.4', '5.2.9-SNAPSHOT', '1.2.3.4', '1', '2.1'];
    expect(v.sort(compareVersionText)).toEqual(['1', '1.2.3.4', '2.1', '2.3.4', '2.12.0', '5.2.9-SNAPSHOT', '5.2.9', 'bad']);
  });

  it('compares strings by code point like UTF-8 bytes', () => {
    expect(compareUtf8('\uffff', '\u{1F600}')).toBeLessThan(0);
    expect(compareUtf8('a', 'ab')).toBeLessThan(0);
  });

  it('de-duplicates keyword, keeps numeric duplicates, leaves text in source order', () => {
    expect(normalizeMultiValue('keyword', ['b', 'a', 'b'])).toEqual(['a', 'b']);
    expect(normalizeMultiValue('boolean', [1, 0, 0])).toEqual([0, 0, 1]);
    expect(normalizeMultiValue('double', [14.68, 12.82])).toEqual([12.82, 14.68]);
    expect(normalizeMultiValue('unsigned_long', [3n, 18446744073709551615n, 1n])).toEqual([1n, 3n, 18446744073709551615n]);
    expect(normalizeMultiValue('text', ['b', 'a', 'b'])).toEqual(['b', 'a', 'b']);
    expect(normalizeMultiValue('ip', ['::1', '127.0.0.1', '::1'])).toEqual(['::1', '127.0.0.1']);
  });
});
