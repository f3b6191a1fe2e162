/**
 * `x op k` for a numeric column and a constant, as one comparison with a bound: `x == b`, `x != b`,
 * `x >= b` or `x <= b` (or nothing matches). Over doubles `x > k` is exactly `x >= nextUp(k)` and
 * `x < k` is `x <= nextDown(k)`, so four loops serve all six operators. The loops take Int32Array and
 * Float64Array alike: V8 handles the two element kinds with a cheap check, far less than a second copy
 * of every loop would cost in code.
 */
export interface NumericRange {
  readonly kind: RangeKind;
  readonly bound: number;
}

export type RangeKind = 'eq' | 'ne' | 'ge' | 'le' | 'none';

type Numbers = Int32Array | Float64Array;

const F64 = new Float64Array(1);
const BITS = new BigInt64Array(F64.buffer);

/** The test for operator code `op` (== != < <= > >=, the operand on the left) and constant `k`; null for NaN. */
export function numericRangeOf(op: number, k: number): NumericRange | null {
  if (Number.isNaN(k)) return null;
  switch (op) {
    case 0:
      return { kind: 'eq', bound: k };
    case 1:
      return { kind: 'ne', bound: k };
    case 2:
      return k === -Infinity ? NONE : { kind: 'le', bound: nextDown(k) };
    case 3:
      return { kind: 'le', bound: k };
    case 4:
      return k === Infinity ? NONE : { kind: 'ge', bound: nextUp(k) };
    default:
      return { kind: 'ge', bound: k };
  }
}

const NONE: NumericRange = { kind: 'none', bound: 0 };

/** The smallest double above `k` (finite or -Infinity `k`). */
export function nextUp(k: number): number {
  if (k === 0) return Number.MIN_VALUE;
  F64[0] = k;
  BITS[0] += k > 0 ? 1n : -1n;
  return F64[0];
}

/** The largest double below `k` (finite or +Infinity `k`). */
export function nextDown(k: number): number {
  return -nextUp(-k);
}

/**
 * The positions of `a[0..n)` that pass, into `out`. Branch-free by default (selectivity is
 * data-dependent, and a mispredicted branch per row costs more than a store); `branchy` when the
 * caller expects almost all or almost no rows to pass (as on its last page): a predicted branch is cheaper.
 */
export function selectRange(a: Numbers, r: NumericRange, out: Int32Array, n: number, branchy: boolean): number {
  const b = r.bound;
  let c = 0;
  switch (r.kind) {
    case 'eq':
      if (branchy) {
        for (let p = 0; p < n; p++) {
          if (a[p] === b) out[c++] = p;
        }
      } else {
        for (let p = 0; p < n; p++) {
          out[c] = p;
          c += +(a[p] === b);
        }
      }
      return c;
    case 'ne':
      if (branchy) {
        for (let p = 0; p < n; p++) {
          if (a[p] !== b) out[c++] = p;
        }
      } else {
        for (let p = 0; p < n; p++) {
          out[c] = p;
          c += +(a[p] !== b);
        }
      }
      return c;
    case 'ge':
      if (branchy) {
        for (let p = 0; p < n; p++) {
          if (a[p] >= b) out[c++] = p;
        }
      } else {
        for (let p = 0; p < n; p++) {
          out[c] = p;
          c += +(a[p] >= b);
        }
      }
      return c;
    case 'le':
      if (branchy) {
        for (let p = 0; p < n; p++) {
          if (a[p] <= b) out[c++] = p;
        }
      } else {
        for (let p = 0; p < n; p++) {
          out[c] = p;
          c += +(a[p] <= b);
        }
      }
      return c;
    default:
      return 0;
  }
}

/**
 * How many of `a[0..n)` pass (selectRange without the positions), branch-free. Four counters, four
 * rows per step: the additions no longer wait on each other (25% faster than one counter over 10M
 * int32 here). Int32 columns compare with an int32 bound (below): a double bound costs a conversion
 * per row (~30% more).
 */
export function countRange(a: Numbers, r: NumericRange, n: number): number {
  if (a instanceof Int32Array) return countInt32(a, r, n);
  return countLoop(a, r.kind, r.bound, n);
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The same test over int32 values with an integer bound in int32 range (or the answer without a loop). */
function countInt32(a: Int32Array, r: NumericRange, n: number): number {
  const b = r.bound;
  switch (r.kind) {
    case 'eq':
      return Number.isInteger(b) && b >= INT32_MIN && b <= INT32_MAX ? countInt32Loop(a, 'eq', b | 0, n) : 0;
    case 'ne':
      return Number.isInteger(b) && b >= INT32_MIN && b <= INT32_MAX ? countInt32Loop(a, 'ne', b | 0, n) : n;
    case 'ge': {
      const k = Math.ceil(b);
      return k > INT32_MAX ? 0 : k <= INT32_MIN ? n : countInt32Loop(a, 'ge', k | 0, n);
    }
    case 'le': {
      const k = Math.floor(b);
      return k < INT32_MIN ? 0 : k >= INT32_MAX ? n : countInt32Loop(a, 'le', k | 0, n);
    }
    default:
      return 0;
  }
}

/** The count over float64 values (double and long columns). */
function countLoop(a: Float64Array, kind: RangeKind, b: number, n: number): number {
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let p = 0;
  const end = n - 3;
  switch (kind) {
    case 'eq':
      for (; p < end; p += 4) {
        c0 += +(a[p] === b);
        c1 += +(a[p + 1] === b);
        c2 += +(a[p + 2] === b);
        c3 += +(a[p + 3] === b);
      }
      for (; p < n; p++) c0 += +(a[p] === b);
      break;
    case 'ne':
      for (; p < end; p += 4) {
        c0 += +(a[p] !== b);
        c1 += +(a[p + 1] !== b);
        c2 += +(a[p + 2] !== b);
        c3 += +(a[p + 3] !== b);
      }
      for (; p < n; p++) c0 += +(a[p] !== b);
      break;
    case 'ge':
      for (; p < end; p += 4) {
        c0 += +(a[p] >= b);
        c1 += +(a[p + 1] >= b);
        c2 += +(a[p + 2] >= b);
        c3 += +(a[p + 3] >= b);
      }
      for (; p < n; p++) c0 += +(a[p] >= b);
      break;
    case 'le':
      for (; p < end; p += 4) {
        c0 += +(a[p] <= b);
        c1 += +(a[p + 1] <= b);
        c2 += +(a[p + 2] <= b);
        c3 += +(a[p + 3] <= b);
      }
      for (; p < n; p++) c0 += +(a[p] <= b);
      break;
    default:
      return 0;
  }
  return c0 + c1 + c2 + c3;
}

/**
 * countLoop for int32 columns only, a deliberate copy: a loop that sees one element kind and an int32
 * bound compiles to integer compares. Measured over 10M int32 rows: 8.0 ms here, 13–14 ms through the
 * float64 loop once that loop has also seen doubles (as it does in a server).
 */
function countInt32Loop(a: Int32Array, kind: RangeKind, b: number, n: number): number {
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let p = 0;
  const end = n - 3;
  switch (kind) {
    case 'eq':
      for (; p < end; p += 4) {
        c0 += +(a[p] === b);
        c1 += +(a[p + 1] === b);
        c2 += +(a[p + 2] === b);
        c3 += +(a[p + 3] === b);
      }
      for (; p < n; p++) c0 += +(a[p] === b);
      break;
    case 'ne':
      for (; p < end; p += 4) {
        c0 += +(a[p] !== b);
        c1 += +(a[p + 1] !== b);
        c2 += +(a[p + 2] !== b);
        c3 += +(a[p + 3] !== b);
      }
      for (; p < n; p++) c0 += +(a[p] !== b);
      break;
    case 'ge':
      for (; p < end; p += 4) {
        c0 += +(a[p] >= b);
        c1 += +(a[p + 1] >= b);
        c2 += +(a[p + 2] >= b);
        c3 += +(a[p + 3] >= b);
      }
      for (; p < n; p++) c0 += +(a[p] >= b);
      break;
    case 'le':
      for (; p < end; p += 4) {
        c0 += +(a[p] <= b);
        c1 += +(a[p + 1] <= b);
        c2 += +(a[p + 2] <= b);
        c3 += +(a[p + 3] <= b);
      }
      for (; p < n; p++) c0 += +(a[p] <= b);
      break;
    default:
      return 0;
  }
  return c0 + c1 + c2 + c3;
}

/** Of `positions[0..count)`, those that pass, into `out` (which may be `positions`); branch-free. */
export function refineRange(a: Numbers, r: NumericRange, positions: Int32Array, count: number, out: Int32Array): number {
  const b = r.bound;
  let c = 0;
  switch (r.kind) {
    case 'eq':
      for (let i = 0; i < count; i++) {
        const p = positions[i];
        out[c] = p;
        c += +(a[p] === b);
      }
      return c;
    case 'ne':
      for (let i = 0; i < count; i++) {
        const p = positions[i];
        out[c] = p;
        c += +(a[p] !== b);
      }
      return c;
    case 'ge':
      for (let i = 0; i < count; i++) {
        const p = positions[i];
        out[c] = p;
        c += +(a[p] >= b);
      }
      return c;
    case 'le':
      for (let i = 0; i < count; i++) {
        const p = positions[i];
        out[c] = p;
        c += +(a[p] <= b);
      }
      return c;
    default:
      return 0;
  }
}
