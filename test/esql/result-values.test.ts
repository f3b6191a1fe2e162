import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/compute/block.js';
import { pagesToRows, positionValue } from '../../src/esql/result-values.js';

describe('result values', () => {
  it('formats datetimes, booleans, big longs, unsigned longs, multi-values and nulls', () => {
    const date: Block = { type: 'datetime', positionCount: 2, values: Float64Array.from([Date.UTC(2004, 2, 2), 0]), nulls: Uint8Array.from([0, 1]) };
    const bool: Block = { type: 'boolean', positionCount: 2, values: Uint8Array.from([1, 0]) };
    const long: Block = { type: 'long', positionCount: 2, values: Float64Array.from([2 ** 60, 2 ** 63]) };
    const ul: Block = { type: 'unsigned_long', positionCount: 2, values: BigUint64Array.from([1n, 18446744073709551615n]) };
    const mv: Block = { type: 'keyword', positionCount: 2, values: ['a', 'b', 'c'], firstValueIndexes: Int32Array.from([0, 2, 3]) };
    expect(pagesToRows([{ positionCount: 2, blocks: [date, bool, long, ul, mv] }], 5)).toEqual([
      ['2004-03-02T00:00:00.000Z', true, 1152921504606846976n, 1n, ['a', 'b']],
      [null, false, 9223372036854775807n, 18446744073709551615n, 'c'],
    ]);
  });

  it('small longs stay numbers; a null block is null', () => {
    expect(positionValue({ type: 'long', positionCount: 1, values: Float64Array.from([42]) }, 0)).toBe(42);
    expect(positionValue({ type: 'null', positionCount: 1, values: null }, 0)).toBeNull();
  });
});
