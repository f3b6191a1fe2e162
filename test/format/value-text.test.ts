import { describe, expect, it } from 'vitest';
import { integerToString, javaDoubleToString, scalarToJson, valueToText } from '../../src/format/value-text.js';

describe('javaDoubleToString', () => {
  it.each([
    [1, '1.0'],
    [-1, '-1.0'],
    [0, '0.0'],
    [-0, '-0.0'],
    [1.5, '1.5'],
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [1234567.0, '1234567.0'],
    [1e7, '1.0E7'],
    [12345678.9, '1.23456789E7'],
    [1.7976931348623157e308, '1.7976931348623157E308'],
    [0.1 + 0.2, '0.30000000000000004'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
  ])('%s -> %s', (d, expected) => {
    expect(javaDoubleToString(d)).toBe(expected);
  });
});

describe('cell formatting', () => {
  it('prints integral types as plain digits, even beyond 2^53', () => {
    expect(integerToString(42)).toBe('42');
    expect(integerToString(2 ** 60)).toBe('1152921504606846976');
    expect(integerToString(18446744073709551615n)).toBe('18446744073709551615');
  });

  it('writes JSON scalars by column type', () => {
    expect(scalarToJson(1, 'double')).toBe('1.0');
    expect(scalarToJson(1, 'long')).toBe('1');
    expect(scalarToJson(18446744073709551615n, 'unsigned_long')).toBe('18446744073709551615');
    expect(scalarToJson('a"b', 'keyword')).toBe('"a\\"b"');
    expect(scalarToJson(null, 'integer')).toBe('null');
    expect(scalarToJson(true, 'boolean')).toBe('true');
  });

  it('prints text cells the way Java toString does', () => {
    expect(valueToText(null, 'keyword', 'null')).toBe('null');
    expect(valueToText(null, 'keyword', '')).toBe('');
    expect(valueToText([1, 2.5], 'double', '')).toBe('[1.0, 2.5]');
    expect(valueToText(['a', 'b'], 'keyword', '')).toBe('[a, b]');
    expect(valueToText(3, 'integer', '')).toBe('3');
    expect(valueToText(false, 'boolean', '')).toBe('false');
  });
});
