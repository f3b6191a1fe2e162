import { describe, expect, it } from 'vitest';
import { commonType, negate, paramValue, typeInteger, widen } from '../../../src/esql/parser/literal-values.js';

describe('typeInteger', () => {
  it('picks the narrowest of integer, long, unsigned_long, double', () => {
    expect(typeInteger(-(2n ** 31n))).toEqual({ type: 'integer', value: -2147483648 });
    expect(typeInteger(2n ** 31n)).toEqual({ type: 'long', value: 2147483648 });
    expect(typeInteger(2n ** 53n + 1n)).toEqual({ type: 'long', value: 2n ** 53n + 1n });
    expect(typeInteger(-(2n ** 63n))).toEqual({ type: 'long', value: -(2n ** 63n) });
    expect(typeInteger(2n ** 63n)).toEqual({ type: 'unsigned_long', value: 2n ** 63n });
    expect(typeInteger(-(2n ** 63n) - 1n)).toEqual({ type: 'double', value: -(2 ** 63) });
    expect(typeInteger(2n ** 64n)).toEqual({ type: 'double', value: 18446744073709551616 });
  });
});

describe('negate', () => {
  it('re-types the negated value and leaves non-numbers alone', () => {
    expect(negate({ type: 'long', value: 2147483648 })).toEqual({ type: 'integer', value: -2147483648 });
    expect(negate({ type: 'unsigned_long', value: 2n ** 63n })).toEqual({ type: 'long', value: -(2n ** 63n) });
    expect(negate({ type: 'double', value: 2.5 })).toEqual({ type: 'double', value: -2.5 });
    expect(negate({ type: 'keyword', value: 'x' })).toBeUndefined();
    expect(negate({ type: 'null', value: null })).toBeUndefined();
  });
});

describe('paramValue', () => {
  it('types JSON values', () => {
    expect(paramValue(-2147483648)).toEqual({ type: 'integer', value: -2147483648 });
    expect(paramValue(2147483648)).toEqual({ type: 'long', value: 2147483648 });
    expect(paramValue(2 ** 60)).toEqual({ type: 'double', value: 2 ** 60 });
    expect(paramValue(10n ** 19n)).toEqual({ type: 'unsigned_long', value: 10n ** 19n });
    expect(paramValue(0.25)).toEqual({ type: 'double', value: 0.25 });
    expect(paramValue('k')).toEqual({ type: 'keyword', value: 'k' });
  });
});

describe('commonType and widen', () => {
  it('widens numbers and skips nulls', () => {
    expect(commonType(['integer', 'long'])).toEqual({ type: 'long' });
    expect(commonType(['long', 'integer', 'double'])).toEqual({ type: 'double' });
    expect(commonType(['null', 'keyword', 'null'])).toEqual({ type: 'keyword' });
    expect(commonType(['null'])).toEqual({ type: 'null' });
  });

  it('refuses to mix unrelated types', () => {
    expect(commonType(['integer', 'keyword'])).toHaveProperty('error');
    expect(commonType(['boolean', 'double'])).toHaveProperty('error');
  });

  it('converts elements to the common type', () => {
    expect(widen(3, 'double')).toBe(3);
    expect(widen(2n ** 63n, 'double')).toBe(9223372036854775808);
    expect(widen(5n, 'long')).toBe(5);
    expect(widen(5, 'unsigned_long')).toBe(5n);
    expect(widen(null, 'double')).toBeNull();
  });
});
