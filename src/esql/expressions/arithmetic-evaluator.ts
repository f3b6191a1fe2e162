import type { Block } from '../../compute/block.js';
import type { Page } from '../../compute/page.js';
import type { ArithmeticOp, Source } from '../ast.js';
import type { ExpressionEvaluator } from '../evaluator.js';
import type { Warnings } from '../warnings.js';
import { isPlain, MULTI_VALUED, NullsBuilder, singleValueIndex } from './single-value.js';

const ARITHMETIC = 'java.lang.ArithmeticException';
// 2^63. Longs live in float64, where Long.MAX_VALUE rounds to 2^63, so 2^63 itself stands for
// MAX_VALUE and only values beyond it overflow.
const LONG_LIMIT = 9223372036854775808;
const UL_MAX = (1n << 64n) - 1n;

const OP_CODES: Record<ArithmeticOp, number> = { '+': 0, '-': 1, '*': 2, '/': 3, '%': 4 };

export type NumericResultType = 'integer' | 'long' | 'double' | 'unsigned_long';

/**
 * `+ - * / %` over integer, long, double (operands widened by reading them as JS numbers) or
 * unsigned_long (bigint). Overflow and division by zero give null plus an ArithmeticException warning,
 * as ES does; integer division truncates and `%` keeps the dividend's sign.
 */
export class ArithmeticEvaluator implements ExpressionEvaluator {
  private readonly opCode: number;

  constructor(
    op: ArithmeticOp,
    private readonly type: NumericResultType,
    private readonly left: ExpressionEvaluator,
    private readonly right: ExpressionEvaluator,
    private readonly source: Source,
    private readonly warnings: Warnings,
  ) {
    this.opCode = OP_CODES[op];
  }

  eval(page: Page): Block {
    const l = this.left.eval(page);
    const r = this.right.eval(page);
    return this.type === 'unsigned_long' ? this.evalUnsigned(l, r, page.positionCount) : this.evalNumber(l, r, page.positionCount);
  }

  private evalNumber(l: Block, r: Block, n: number): Block {
    const type = this.type;
    const values = type === 'integer' ? new Int32Array(n) : new Float64Array(n);
    const nulls = new NullsBuilder(n);
    const lv = l.values as Int32Array | Float64Array;
    const rv = r.values as Int32Array | Float64Array;
    const op = this.opCode;
    const integral = type !== 'double';
    // Both sides single-valued and null-free (a column and a cached literal block, typically): the
    // position is the value index, no per-row lookups; overflow and / by zero are still checked below.
    const plain = isPlain(l) && isPlain(r);
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
