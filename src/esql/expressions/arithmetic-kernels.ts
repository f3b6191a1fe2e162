/**
 * The fast path of `+ - * / %` over two plain (null-free, single-valued) numeric arrays: one tight
 * loop per operator, no per-row null, multi-value or overflow branches. Whether every result is
 * valid is tracked branch-free; on the rare page where one is not (overflow, non-finite, division by
 * zero), the caller redoes the page row by row to produce nulls and warnings exactly as ES does.
 */

type Numbers = Int32Array | Float64Array;

/** Valid results per result type: outside these, ES reports an overflow (or a non-finite double). */
export const RESULT_BOUNDS = {
  integer: [-2147483648, 2147483647],
  // Longs live in float64, where Long.MAX_VALUE rounds to 2^63: 2^63 itself stands for MAX_VALUE.
  long: [-9223372036854775808, 9223372036854775808],
  double: [-Number.MAX_VALUE, Number.MAX_VALUE],
} as const;

/**
 * `out[p] = a[p] op b[p]` for p < n (op: 0 + 1 - 2 * 3 / 4 %). Integral results truncate divisions
 * and lose -0. Returns false when some result falls outside [lo, hi] or is NaN; `out` is then garbage.
 */
export function applyArithmetic(op: number, integral: boolean, a: Numbers, b: Numbers, out: Numbers, n: number, lo: number, hi: number): boolean {
  // `+ 0` turns -0 into 0: integral types have no negative zero (doubles keep theirs).
  let ok = 1;
  switch (op) {
    case 0:
      if (integral) for (let p = 0; p < n; p++) ok &= store(out, p, a[p] + b[p] + 0, lo, hi);
      else for (let p = 0; p < n; p++) ok &= store(out, p, a[p] + b[p], lo, hi);
      break;
    case 1:
      if (integral) for (let p = 0; p < n; p++) ok &= store(out, p, a[p] - b[p] + 0, lo, hi);
      else for (let p = 0; p < n; p++) ok &= store(out, p, a[p] - b[p], lo, hi);
      break;
    case 2:
      if (integral) for (let p = 0; p < n; p++) ok &= store(out, p, a[p] * b[p] + 0, lo, hi);
      else for (let p = 0; p < n; p++) ok &= store(out, p, a[p] * b[p], lo, hi);
      break;
    case 3:
      // x / 0 is infinite or NaN: out of bounds, so the row-by-row pass reports `/ by zero`.
      if (integral) for (let p = 0; p < n; p++) ok &= store(out, p, Math.trunc(a[p] / b[p]) + 0, lo, hi);
      else for (let p = 0; p < n; p++) ok &= store(out, p, a[p] / b[p], lo, hi);
      break;
    default:
      if (integral) for (let p = 0; p < n; p++) ok &= store(out, p, (a[p] % b[p]) + 0, lo, hi);
      else for (let p = 0; p < n; p++) ok &= store(out, p, a[p] % b[p], lo, hi);
  }
  return ok === 1;
}

/** Stores `v` at `p`; 1 when it is within [lo, hi] (0 for NaN). Small enough for V8 to inline. */
function store(out: Numbers, p: number, v: number, lo: number, hi: number): number {
  out[p] = v;
  return +(v >= lo) & +(v <= hi);
}
