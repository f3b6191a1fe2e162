import { describe, expect, it } from 'vitest';
import { LongSums, toLongBigInt } from '../../../../../src/esql/functions/aggregate/support/long-sums.js';

describe('LongSums', () => {
  it('sums exactly, in and out of the safe-integer range', () => {
    const s = new LongSums();
    s.ensureCapacity(2);
    expect(s.add(0, Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(s.add(0, 10)).toBe(true);
    expect(s.add(0, -10)).toBe(true);
    expect(s.value(0)).toBe(Number.MAX_SAFE_INTEGER);
    expect(s.seen(0)).toBe(true);
    expect(s.seen(1)).toBe(false);
    expect(s.seen(5)).toBe(false);
  });

  it('fails a group once it leaves the long range, and only that group', () => {
    const s = new LongSums();
    s.ensureCapacity(2);
    expect(s.add(0, 2 ** 62)).toBe(true);
    expect(s.add(0, 2 ** 62)).toBe(false);
    expect(s.failed(0)).toBe(true);
    expect(s.add(0, -(2 ** 62))).toBe(true);
    expect(s.failed(0)).toBe(true);
    expect(s.add(1, -(2 ** 62))).toBe(true);
    expect(s.add(1, -(2 ** 62))).toBe(true);
    expect(s.failed(1)).toBe(false);
    expect(s.value(1)).toBe(-(2 ** 63));
  });

  it('reads 2^63 as Long.MAX_VALUE', () => {
    expect(toLongBigInt(2 ** 63)).toBe(2n ** 63n - 1n);
    expect(toLongBigInt(-(2 ** 63))).toBe(-(2n ** 63n));
    expect(toLongBigInt(42)).toBe(42n);
  });
});
