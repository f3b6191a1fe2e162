import { describe, expect, it } from 'vitest';
import {
  GroupSamples,
  medianAbsoluteDeviation,
  quantile,
} from '../../../../../src/esql/functions/aggregate/support/group-samples.js';

describe('GroupSamples', () => {
  it('sorts samples per group without consuming them', () => {
    const s = new GroupSamples();
    s.reserve(6);
    for (const [g, v] of [
      [1, 3],
      [0, 2],
      [1, -1],
      [0, 1],
      [3, 7],
      [1, 0],
    ] as const)
      s.add(g, v);
    const first = s.sortedByGroup(3);
    expect(Array.from(first.offsets)).toEqual([0, 2, 5, 5]);
    expect(Array.from(first.sorted)).toEqual([1, 2, -1, 0, 3]);
    const second = s.sortedByGroup(4);
    expect(Array.from(second.sorted)).toEqual([1, 2, -1, 0, 3, 7]);
  });

  it('grows past its first reservation', () => {
    const s = new GroupSamples();
    for (let i = 0; i < 1000; i++) {
      s.reserve(1);
      s.add(i % 2, i);
    }
    const { offsets, sorted } = s.sortedByGroup(2);
    expect(quantile(sorted, offsets[0], offsets[1], 0.5)).toBe(499);
    expect(quantile(sorted, offsets[1], offsets[2], 0.5)).toBe(500);
  });
});

describe('quantile', () => {
  const data = Float64Array.from([1, 2, 3, 4]);
  it('interpolates between closest ranks and clamps at the ends', () => {
    expect(quantile(data, 0, 4, 0)).toBe(1);
    expect(quantile(data, 0, 4, 1)).toBe(4);
    expect(quantile(data, 0, 4, 0.5)).toBe(2.5);
    expect(quantile(data, 0, 4, 0.25)).toBe(1.75);
    expect(quantile(data, 1, 2, 0.9)).toBe(2);
    expect(quantile(data, 2, 2, 0.5)).toBeNaN();
  });

  it('median absolute deviation', () => {
    expect(medianAbsoluteDeviation(Float64Array.from([3, 11, 14, 25]), 0, 4)).toBe(5.5);
    expect(medianAbsoluteDeviation(Float64Array.from([5]), 0, 1)).toBe(0);
    expect(medianAbsoluteDeviation(Float64Array.from([]), 0, 0)).toBeNaN();
  });
});
