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

/** Internal op code: division by a power of two, done as a multiplication by its inverse. */
const DIV_BY_INVERSE = 5;

/**
 * `out[i] = a[at(i)] op c` for i < n, where `at(i)` is `positions[i]` (a WHERE's selection, read
 * straight from the unfiltered column, so the kept values are never gathered into an array of their
 * own) or `i` when `positions` is null. Same contract as applyArithmetic. A division by a power of two
 * becomes a multiplication by its inverse: both round the same exact value, so the results are equal.
 */
export function applyArithmeticConstant(
  op: number,
  integral: boolean,
  a: Numbers,
  positions: Int32Array | null,
  c: number,
  out: Numbers,
  n: number,
  lo: number,
  hi: number,
): boolean {
  let k = c;
  let code = op;
  if (op === 3 && isInvertibleExactly(c)) {
    k = 1 / c;
    code = DIV_BY_INVERSE;
  }
  return positions === null ? constantKernel(code, integral, a, k, out, n, lo, hi) : gatherConstantKernel(code, integral, a, positions, k, out, n, lo, hi);
}

/** The last constant isInvertibleExactly judged, and its answer: a query asks for the same one page after page. */
let lastConstant = NaN;
let lastInvertible = false;

/** Whether `1 / c` is exact (c a power of two, its inverse a normal double), so `x / c === x * (1 / c)`. */
function isInvertibleExactly(c: number): boolean {
  if (c === lastConstant) return lastInvertible;
  const m = Math.abs(c);
  lastConstant = c;
  lastInvertible = m >= 2 ** -1022 && m <= 2 ** 1022 && 2 ** Math.round(Math.log2(m)) === m;
  return lastInvertible;
}

function constantKernel(op: number, integral: boolean, a: Numbers, c: number, out: Numbers, n: number, lo: number, hi: number): boolean {
  let ok = 1;
  switch (op) {
    case 0:
      if (integral) for (let p = 0; p < n; p++) ok &= store(out, p, a[p] + c + 0, lo, hi);
      else for (let p = 0; p < n; p++) ok &= store(out, p, a[p] + c, lo, hi);
      break;
    case 1:
      if (integral) for (let p = 0; p < n; p++) ok &= store(out, p, a[p] - c + 0, lo, hi);
      else for (let p = 0; p < n; p++) ok &= store(out, p, a[p] - c, lo, hi);
      break;
    case 2:
      if (integral) for (let p = 0; p < n; p++) ok &= store(out, p, a[p] * c + 0, lo, hi);
      else for (let p = 0; p < n; p++) ok &= store(out, p, a[p] * c, lo, hi);
      break;
    case 3:
      if (integral) for (let p = 0; p < n; p++) ok &= store(out, p, Math.trunc(a[p] / c) + 0, lo, hi);
      else for (let p = 0; p < n; p++) ok &= store(out, p, a[p] / c, lo, hi);
      break;
    case DIV_BY_INVERSE:
      if (integral) for (let p = 0; p < n; p++) ok &= store(out, p, Math.trunc(a[p] * c) + 0, lo, hi);
      else for (let p = 0; p < n; p++) ok &= store(out, p, a[p] * c, lo, hi);
      break;
    default:
      if (integral) for (let p = 0; p < n; p++) ok &= store(out, p, (a[p] % c) + 0, lo, hi);
      else for (let p = 0; p < n; p++) ok &= store(out, p, a[p] % c, lo, hi);
  }
  return ok === 1;
}

/** constantKernel reading `a[positions[i]]`. */
function gatherConstantKernel(op: number, integral: boolean, a: Numbers, at: Int32Array, c: number, out: Numbers, n: number, lo: number, hi: number): boolean {
  let ok = 1;
  switch (op) {
    case 0:
      if (integral) for (let i = 0; i < n; i++) ok &= store(out, i, a[at[i]] + c + 0, lo, hi);
      else for (let i = 0; i < n; i++) ok &= store(out, i, a[at[i]] + c, lo, hi);
      break;
    case 1:
      if (integral) for (let i = 0; i < n; i++) ok &= store(out, i, a[at[i]] - c + 0, lo, hi);
      else for (let i = 0; i < n; i++) ok &= store(out, i, a[at[i]] - c, lo, hi);
      break;
    case 2:
      if (integral) for (let i = 0; i < n; i++) ok &= store(out, i, a[at[i]] * c + 0, lo, hi);
      else for (let i = 0; i < n; i++) ok &= store(out, i, a[at[i]] * c, lo, hi);
      break;
    case 3:
      if (integral) for (let i = 0; i < n; i++) ok &= store(out, i, Math.trunc(a[at[i]] / c) + 0, lo, hi);
      else for (let i = 0; i < n; i++) ok &= store(out, i, a[at[i]] / c, lo, hi);
      break;
    case DIV_BY_INVERSE:
      if (integral) for (let i = 0; i < n; i++) ok &= store(out, i, Math.trunc(a[at[i]] * c) + 0, lo, hi);
      else for (let i = 0; i < n; i++) ok &= store(out, i, a[at[i]] * c, lo, hi);
      break;
    default:
      if (integral) for (let i = 0; i < n; i++) ok &= store(out, i, (a[at[i]] % c) + 0, lo, hi);
      else for (let i = 0; i < n; i++) ok &= store(out, i, a[at[i]] % c, lo, hi);
  }
  return ok === 1;
}
