import type { Block } from '../../compute/block.js';
import { pendingGather } from '../../compute/deferred-filter-block.js';
import type { Page } from '../../compute/page.js';
import type { ArithmeticOp, Source } from '../ast.js';
import type { ExpressionEvaluator } from '../evaluator.js';
import type { Warnings } from '../warnings.js';
import { applyArithmetic, applyArithmeticConstant, RESULT_BOUNDS } from './arithmetic-kernels.js';
import { LiteralEvaluator } from './literal-evaluator.js';
import { isPlain, MULTI_VALUED, NullsBuilder, singleValueIndex } from './single-value.js';

const ARITHMETIC = 'java.lang.ArithmeticException';
// 2^63. Longs live in float64, where Long.MAX_VALUE rounds to 2^63, so 2^63 itself stands for
// MAX_VALUE and only values beyond it overflow.
const LONG_LIMIT = 9223372036854775808;
const UL_MAX = (1n << 64n) - 1n;

const OP_CODES: Record<ArithmeticOp, number> = { '+': 0, '-': 1, '*': 2, '/': 3, '%': 4 };

export type NumericResultType = 'integer' | 'long' | 'double' | 'unsigned_long';

type Numbers = Int32Array | Float64Array;

/**
 * `+ - * / %` over integer, long, double (operands widened by reading them as JS numbers) or
 * unsigned_long (bigint). Overflow and division by zero give null plus an ArithmeticException warning,
 * as ES does; integer division truncates and `%` keeps the dividend's sign.
 */
export class ArithmeticEvaluator implements ExpressionEvaluator {
  private readonly opCode: number;
  /** Operand values gathered from a filtered page, per side; read by the kernel only, never emitted. */
  private readonly scratch: [Numbers | null, Numbers | null] = [null, null];
  /**
   * The right operand's value when it is a numeric literal (`x / 1024`), read from its first block;
   * undefined until then, null when it is not one. Such pages take a kernel with a scalar operand.
   */
  private constant: number | null | undefined;

  constructor(
    op: ArithmeticOp,
    private readonly type: NumericResultType,
    private readonly left: ExpressionEvaluator,
    private readonly right: ExpressionEvaluator,
    private readonly source: Source,
    private readonly warnings: Warnings,
  ) {
    this.opCode = OP_CODES[op];
    if (!(right instanceof LiteralEvaluator) || type === 'unsigned_long') this.constant = null;
  }

  eval(page: Page): Block {
    const l = this.left.eval(page);
    if (this.constant !== null && page.positionCount > 0) {
      const block = this.evalWithConstant(l, page);
      if (block !== null) return block;
    }
    const r = this.right.eval(page);
    return this.type === 'unsigned_long' ? this.evalUnsigned(l, r, page.positionCount) : this.evalNumber(l, r, page.positionCount);
  }

  private evalNumber(l: Block, r: Block, n: number): Block {
    const type = this.type as Exclude<NumericResultType, 'unsigned_long'>;
    const op = this.opCode;
    const integral = type !== 'double';
    // Both sides single-valued and null-free (a column and a cached literal block, typically): one
    // typed loop; only a page with an invalid result (overflow, / by zero) takes the row loop below.
    const a = this.plainValues(l, 0);
    const b = a === null ? null : this.plainValues(r, 1);
    if (a !== null && b !== null) {
      const values = type === 'integer' ? new Int32Array(n) : new Float64Array(n);
      const [lo, hi] = RESULT_BOUNDS[type];
      if (applyArithmetic(op, integral, a, b, values, n, lo, hi)) return { type, positionCount: n, values };
    }
    const lv = l.values as Numbers;
    const rv = r.values as Numbers;
    const plain = isPlain(l) && isPlain(r);
    const values = type === 'integer' ? new Int32Array(n) : new Float64Array(n);
    const nulls = new NullsBuilder(n);
    for (let p = 0; p < n; p++) {
      const li = plain ? p : singleValueIndex(l, p);
      const ri = plain ? p : singleValueIndex(r, p);
      if (li < 0 || ri < 0) {
        // As ES's generated evaluators: the left side is checked first, a null there never warns.
        if (li === MULTI_VALUED || (li >= 0 && ri === MULTI_VALUED)) this.warnings.multiValue(this.source);
        nulls.set(p);
        continue;
      }
      const a = lv[li];
      const b = rv[ri];
      let v: number;
      if (op === 0) v = a + b;
      else if (op === 1) v = a - b;
      else if (op === 2) v = a * b;
      else {
        if (b === 0) {
          this.warnings.fail(this.source, ARITHMETIC, '/ by zero');
          nulls.set(p);
          continue;
        }
        v = op === 3 ? (integral ? Math.trunc(a / b) : a / b) : a % b;
      }
      if (integral) {
        v += 0; // normalise -0: integral types have no negative zero
        if (type === 'integer' ? v > 2147483647 || v < -2147483648 : v > LONG_LIMIT || v < -LONG_LIMIT) {
          this.warnings.fail(this.source, ARITHMETIC, `${type} overflow`);
          nulls.set(p);
          continue;
        }
      } else if (!Number.isFinite(v)) {
        this.warnings.fail(this.source, ARITHMETIC, `not a finite double number: ${v > 0 ? 'Infinity' : v < 0 ? '-Infinity' : 'NaN'}`);
        nulls.set(p);
        continue;
      }
      values[p] = v;
    }
    return { type, positionCount: n, values, nulls: nulls.build() };
  }

  /**
   * `left op constant` in one typed loop, reading a column a WHERE kept but nobody has read yet
   * straight through its positions. Null when the page needs the general path (left side not plain,
   * or some result invalid: the row loop then reports it).
   */
  private evalWithConstant(l: Block, page: Page): Block | null {
    const n = page.positionCount;
    if (this.constant === undefined) this.constant = numericConstantOf(this.right.eval(page));
    const c = this.constant;
    if (c === null) return null;
    const d = pendingGather(l);
    let src: Numbers;
    let positions: Int32Array | null = null;
    if (d !== undefined && (d.source.values instanceof Float64Array || d.source.values instanceof Int32Array)) {
      src = d.source.values;
      positions = d.positions;
    } else if (isPlain(l) && (l.values instanceof Float64Array || l.values instanceof Int32Array)) {
      src = l.values;
    } else return null;
    const type = this.type as Exclude<NumericResultType, 'unsigned_long'>;
    const values = type === 'integer' ? new Int32Array(n) : new Float64Array(n);
    const [lo, hi] = RESULT_BOUNDS[type];
    return applyArithmeticConstant(this.opCode, type !== 'double', src, positions, c, values, n, lo, hi) ? { type, positionCount: n, values } : null;
  }

  /**
   * The values of a single-valued, null-free numeric operand (null otherwise). A column a WHERE kept
   * but nobody has read yet is gathered into this side's scratch array, so the filtered block itself
   * is never materialised when nothing else reads it (`EVAL kb = bytes / 1024 | KEEP kb`).
   */
  private plainValues(b: Block, side: 0 | 1): Numbers | null {
    const d = pendingGather(b);
    if (d === undefined) return isPlain(b) ? (b.values as Numbers) : null;
    const src = d.source.values;
    if (!(src instanceof Float64Array || src instanceof Int32Array)) return isPlain(b) ? (b.values as Numbers) : null;
    let out = this.scratch[side];
    if (out === null || out.length < b.positionCount || out.constructor !== src.constructor) {
      out = src instanceof Float64Array ? new Float64Array(Math.max(b.positionCount, 1024)) : new Int32Array(Math.max(b.positionCount, 1024));
      this.scratch[side] = out;
    }
    gatherInto(src, d.positions, b.positionCount, out);
    return out;
  }

  private evalUnsigned(l: Block, r: Block, n: number): Block {
    const values = new BigUint64Array(n);
    const nulls = new NullsBuilder(n);
    const lv = l.values as BigUint64Array;
    const rv = r.values as BigUint64Array;
    const op = this.opCode;
    for (let p = 0; p < n; p++) {
      const li = singleValueIndex(l, p);
      const ri = singleValueIndex(r, p);
      if (li < 0 || ri < 0) {
        if (li === MULTI_VALUED || (li >= 0 && ri === MULTI_VALUED)) this.warnings.multiValue(this.source);
        nulls.set(p);
        continue;
      }
      const a = lv[li];
      const b = rv[ri];
      let v: bigint;
      if (op === 0) v = a + b;
      else if (op === 1) v = a - b;
      else if (op === 2) v = a * b;
      else {
        if (b === 0n) {
          this.warnings.fail(this.source, ARITHMETIC, '/ by zero');
          nulls.set(p);
          continue;
        }
        v = op === 3 ? a / b : a % b;
      }
      if (v < 0n || v > UL_MAX) {
        this.warnings.fail(this.source, ARITHMETIC, 'unsigned_long overflow');
        nulls.set(p);
        continue;
      }
      values[p] = v;
    }
    return { type: 'unsigned_long', positionCount: n, values, nulls: nulls.build() };
  }

  toString(): string {
    const name = ['Add', 'Sub', 'Mul', 'Div', 'Mod'][this.opCode];
    return `${name}${this.type}sEvaluator[lhs=${this.left}, rhs=${this.right}]`;
  }
}

/** The value of a literal's block when it is one plain number, else null (null literal, multi-value, other types). */
function numericConstantOf(b: Block): number | null {
  const v = b.values;
  if (!isPlain(b) || b.positionCount === 0 || !(v instanceof Float64Array || v instanceof Int32Array)) return null;
  return v[0];
}

/** `out[i] = src[positions[i]]` for i < n (out has src's element kind). */
function gatherInto(src: Numbers, positions: Int32Array, n: number, out: Numbers): void {
  for (let i = 0; i < n; i++) out[i] = src[positions[i]];
}

/** Unary minus: `0 - x` with the same overflow rules (negating the smallest integer overflows). */
export class NegateEvaluator implements ExpressionEvaluator {
  constructor(
    private readonly type: NumericResultType,
    private readonly operand: ExpressionEvaluator,
    private readonly source: Source,
    private readonly warnings: Warnings,
  ) {}

  eval(page: Page): Block {
    const b = this.operand.eval(page);
    const n = page.positionCount;
    const type = this.type;
    const values = type === 'integer' ? new Int32Array(n) : new Float64Array(n);
    const nulls = new NullsBuilder(n);
    const bv = b.values as Int32Array | Float64Array;
    for (let p = 0; p < n; p++) {
      const i = singleValueIndex(b, p);
      if (i < 0) {
        if (i === MULTI_VALUED) this.warnings.multiValue(this.source);
        nulls.set(p);
        continue;
      }
      const v = type === 'double' ? -bv[i] : 0 - bv[i];
      if (type === 'integer' ? v > 2147483647 : type === 'long' ? v > LONG_LIMIT : false) {
        this.warnings.fail(this.source, ARITHMETIC, `${type} overflow`);
        nulls.set(p);
        continue;
      }
      values[p] = v;
    }
    return { type, positionCount: n, values, nulls: nulls.build() };
  }

  toString(): string {
    return `Neg${this.type}sEvaluator[v=${this.operand}]`;
  }
}
