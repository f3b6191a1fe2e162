import { describe, expect, it } from 'vitest';
import { toHalfFloat } from '../../src/storage/float16.js';

describe('toHalfFloat', () => {
  it.each([
    [2.03, 2.029296875],
    [1.78, 1.7802734375],
    [1.0, 1.0],
    [-2.03, -2.029296875],
    [65504, 65504],
    [70000, Infinity],
    [1e-8, 0],
    [2 ** -24, 2 ** -24],
    [0, 0],
  ])('%d -> %d', (v, expected) => {
    expect(toHalfFloat(v)).toBe(expected);
  });

  it('rounds half to even', () => {
    // 2049 lies exactly between the halves 2048 and 2050: ties go to the even mantissa (2048).
    expect(toHalfFloat(2049)).toBe(2048);
    expect(toHalfFloat(2051)).toBe(2052);
  });
});
