import { describe, expect, it } from 'vitest';
import { countRange, nextDown, nextUp, numericRangeOf, refineRange, selectRange } from '../../../src/esql/expressions/numeric-range-selection.js';

const OPS = [
  (x: number, k: number) => x === k,
  (x: number, k: number) => x !== k,
  (x: number, k: number) => x < k,
  (x: number, k: number) => x <= k,
  (x: number, k: number) => x > k,
  (x: number, k: number) => x >= k,
];
const DOUBLES = [-Infinity, -Number.MAX_VALUE, -1.5, -1, -Number.MIN_VALUE, -0, 0, Number.MIN_VALUE, 0.5, 1, 2 ** 53, Number.MAX_VALUE, Infinity];
const list = (a: Int32Array, n: number) => Array.from(a.subarray(0, n));
const expected = (xs: number[], test: (x: number) => boolean) => xs.flatMap((x, p) => (test(x) ? [p] : []));

describe('numeric range selection', () => {
  it('countRange counts what the operator holds at, for every operator and every length (four at a time, then the tail)', () => {
    for (let n = 0; n <= 11; n++) {
      const doubles = Float64Array.from({ length: n }, (_, i) => DOUBLES[(i * 7) % DOUBLES.length]);
      const ints = Int32Array.from({ length: n }, (_, i) => [0, 1, 2, 3, 2 ** 31 - 1, -(2 ** 31)][(i * 5) % 6]);
      for (const [op, test] of OPS.entries()) {
        for (const k of [-1, 0, 1, 2, 0.5, -0.5, Infinity, -Infinity, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), -(2 ** 31) - 1, 2 ** 31 - 0.5]) {
          const r = numericRangeOf(op, k);
          if (r === null) continue;
          expect(countRange(doubles, r, n), `double op ${op} k ${k} n ${n}`).toBe(expected(Array.from(doubles), (x) => test(x, k)).length);
          expect(countRange(ints, r, n), `int op ${op} k ${k} n ${n}`).toBe(expected(Array.from(ints), (x) => test(x, k)).length);
        }
      }
    }
  });

  it('nextUp and nextDown step to the adjacent double', () => {
    expect(nextUp(1)).toBe(1 + Number.EPSILON);
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    expect(nextUp(-Number.MIN_VALUE)).toBe(-0);
    expect(nextUp(-Infinity)).toBe(-Number.MAX_VALUE);
    expect(nextDown(Infinity)).toBe(Number.MAX_VALUE);
    expect(nextDown(0)).toBe(-Number.MIN_VALUE);
  });

  it('every operator and constant selects exactly what the comparison does, branch-free or not', () => {
    const xs = DOUBLES;
    const f64 = Float64Array.from(xs);
    const out = new Int32Array(xs.length);
    for (let op = 0; op < 6; op++) {
      for (const k of DOUBLES) {
        const r = numericRangeOf(op, k);
        expect(r).not.toBeNull();
        if (r === null) continue;
        const want = expected(xs, (x) => OPS[op](x, k));
        for (const branchy of [false, true]) expect(list(out, selectRange(f64, r, out, xs.length, branchy))).toEqual(want);
        const sel = Int32Array.from(xs.keys());
        expect(list(sel, refineRange(f64, r, sel, xs.length, sel))).toEqual(want);
      }
    }
  });

  it('integer columns against fractional and out-of-range constants', () => {
    const xs = [-2147483648, -3, -1, 0, 1, 2, 3, 2147483647];
    const i32 = Int32Array.from(xs);
    const out = new Int32Array(xs.length);
    for (let op = 0; op < 6; op++) {
      for (const k of [-1e10, -2.5, -1, 0, 0.5, 2, 1e10]) {
        const r = numericRangeOf(op, k);
        if (r === null) throw new Error('no range');
        const want = expected(xs, (x) => OPS[op](x, k));
        for (const branchy of [false, true]) expect(list(out, selectRange(i32, r, out, xs.length, branchy))).toEqual(want);
        const sel = Int32Array.from([1, 3, 5, 7]);
        expect(list(sel, refineRange(i32, r, sel, 4, sel))).toEqual(want.filter((p) => p % 2 === 1));
      }
    }
  });

  it('has no range for NaN (the general path decides)', () => {
    expect(numericRangeOf(0, NaN)).toBeNull();
  });
});
