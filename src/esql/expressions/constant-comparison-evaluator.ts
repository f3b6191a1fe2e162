import type { Block } from '../../compute/block.js';
import type { PositionSelector } from '../../compute/block-evaluator.js';
import { keepTrue, truePositions } from '../../compute/position-selection.js';
import type { Page } from '../../compute/page.js';
import type { ComparisonOp, Source } from '../ast.js';
import type { ExpressionEvaluator } from '../evaluator.js';
import type { Warnings } from '../warnings.js';
import { test } from './comparison-evaluator.js';
import { dictionaryEquals, isKeywordDictionary, refineDictionaryEquals, selectDictionaryEquals } from './dictionary-comparison.js';
import { isPlain, MULTI_VALUED, NullsBuilder, singleValueIndex } from './single-value.js';
import { countRange, type NumericRange, numericRangeOf, refineRange, selectRange } from './numeric-range-selection.js';

const OP_CODES: Record<ComparisonOp, number> = { '==': 0, '!=': 1, '<': 2, '<=': 3, '>': 4, '>=': 5 };
/** `k < x` is `x > k`: the operator seen from the other side. */
const FLIPPED: Record<ComparisonOp, ComparisonOp> = { '==': '==', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/**
 * A comparison of an expression with a constant (`status == 500`, `100 < bytes`, `host == "h"`; strings
 * with == and != only, where no collation is involved): the constant
 * is a JS number, not a Block, and a WHERE asks it for the matching positions directly
 * (`selectPositions`), so a plain column is filtered in one tight loop with no boolean block.
 * Semantics are ComparisonEvaluator's: null stays null, a multi-value is null plus a warning (the
 * constant side is never null nor multi-valued, so the order of the sides does not change warnings).
 */
export class ConstantComparisonEvaluator implements ExpressionEvaluator, PositionSelector {
  /** The operator with the operand on the left (`k < x` runs as `x > k`). */
  private readonly opCode: number;
  /** A numeric test as a range, for the selection loops (null: a string constant or NaN). */
  private readonly range: NumericRange | null;
  /** The last page selected almost all or almost none of its rows: the next one likely will too. */
  private predictable = false;

  /** @param constantFirst the query wrote `constant op operand`; only the description keeps that order. */
  constructor(
    private readonly op: ComparisonOp,
    private readonly operand: ExpressionEvaluator,
    private readonly constant: number | string,
    private readonly constantFirst: boolean,
    private readonly source: Source,
    private readonly warnings: Warnings,
  ) {
    this.opCode = OP_CODES[constantFirst ? FLIPPED[op] : op];
    this.range = typeof constant === 'number' ? numericRangeOf(this.opCode, constant) : null;
  }

  eval(page: Page): Block {
    return this.compare(this.operand.eval(page), page.positionCount);
  }

  private compare(b: Block, n: number): Block {
    if (typeof this.constant === 'string' && isKeywordDictionary(b)) return dictionaryEquals(b, this.constant, this.opCode === 1, n);
    const values = new Uint8Array(n);
    const v = b.values as ArrayLike<number> | null;
    const k = this.constant;
    if (v !== null && isPlain(b)) {
      if (typeof k === 'string') equalStrings(this.opCode === 1, b.values as string[], k, values, n);
      else compareConstant(this.opCode, v, k, values, n);
      return { type: 'boolean', positionCount: n, values };
    }
    const nulls = new NullsBuilder(n);
    for (let p = 0; p < n; p++) {
      const i = singleValueIndex(b, p);
      if (i < 0) {
        if (i === MULTI_VALUED) this.warnings.multiValue(this.source);
        nulls.set(p);
        continue;
      }
      // Strings only come with == and != (see the compiler): JS order decides equality exactly.
      const a = (v as ArrayLike<number | string>)[i];
      values[p] = test(this.opCode, a < k ? -1 : a > k ? 1 : 0) ? 1 : 0;
    }
    return { type: 'boolean', positionCount: n, values, nulls: nulls.build() };
  }

  /**
   * Writes the positions where the comparison is true into `out` and returns how many. A plain operand
   * (or a keyword dictionary, compared on ordinals) takes one typed loop, branch-free unless the last
   * page kept almost all or almost none of its rows (see selectRange); nulls and multi-values go
   * through the boolean block, evaluating the operand once.
   */
  selectPositions(page: Page, out: Int32Array): number {
    return this.selectIn(this.operand.eval(page), page.positionCount, out);
  }

  private selectIn(b: Block, n: number, out: Int32Array): number {
    const k = this.constant;
    let count: number;
    if (typeof k === 'string' && isKeywordDictionary(b)) count = selectDictionaryEquals(b, k, this.opCode === 1, out, n, this.predictable);
    else if (!isPlain(b)) return truePositions(this.compare(b, n), n, out);
    else if (typeof k === 'string') return selectStrings(this.opCode === 1, b.values as string[], k, out, n);
    else {
      const v = b.values;
      const r = this.range;
      if (r === null || !(v instanceof Float64Array || v instanceof Int32Array)) return truePositions(this.compare(b, n), n, out);
      count = selectRange(v, r, out, n, this.predictable);
    }
    this.predictable = count * 16 < n || count * 16 > n * 15;
    return count;
  }

  /** How many positions selectPositions would write: a plain numeric operand is counted in one loop, without them. */
  countPositions(page: Page, scratch: Int32Array): number {
    const b = this.operand.eval(page);
    const r = this.range;
    const v = b.values;
    if (r !== null && typeof this.constant !== 'string' && isPlain(b) && (v instanceof Float64Array || v instanceof Int32Array)) {
      return countRange(v, r, page.positionCount);
    }
    return this.selectIn(b, page.positionCount, scratch);
  }

  /**
   * The positions of `positions[0..count)` where the comparison is true (an AND's second test runs
   * only on the rows the first one kept). A numeric operand without multi-values, or a single-valued
   * keyword dictionary, takes a typed loop over those positions; anything else is compared on the whole page, so it warns as `eval` does.
   */
  refinePositions(page: Page, positions: Int32Array, count: number, out: Int32Array): number {
    const b = this.operand.eval(page);
    const k = this.constant;
    if (typeof k === 'string' && isKeywordDictionary(b)) return refineDictionaryEquals(b, k, this.opCode === 1, positions, count, out);
    const r = this.range;
    if (r !== null && b.nulls === undefined && b.firstValueIndexes === undefined) {
      // Only numeric blocks get here: reading `values` never materialises a dictionary's strings.
      const v = b.values;
      if (v instanceof Float64Array || v instanceof Int32Array) return refineRange(v, r, positions, count, out);
    }
    return keepTrue(this.compare(b, page.positionCount), positions, count, out);
  }

  toString(): string {
    // The description ComparisonEvaluator would give, sides in the query's order.
    const name = ['Equals', 'NotEquals', 'LessThan', 'LessThanOrEqual', 'GreaterThan', 'GreaterThanOrEqual'][OP_CODES[this.op]];
    const k = `LiteralsEvaluator[lit=${String(this.constant)}]`;
    const [l, r] = this.constantFirst ? [k, String(this.operand)] : [String(this.operand), k];
    return `${name}Evaluator[lhs=${l}, rhs=${r}]`;
  }
}

/** keyword/text `==` (or `!=` when `negate`): equal strings are identical JS strings. */
function equalStrings(negate: boolean, a: readonly string[], k: string, out: Uint8Array, n: number): void {
  const hit = negate ? 0 : 1;
  for (let p = 0; p < n; p++) out[p] = a[p] === k ? hit : 1 - hit;
}

function selectStrings(negate: boolean, a: readonly string[], k: string, out: Int32Array, n: number): number {
  let c = 0;
  if (negate) {
    for (let p = 0; p < n; p++) {
      out[c] = p;
      c += +(a[p] !== k);
    }
  } else {
    for (let p = 0; p < n; p++) {
      out[c] = p;
      c += +(a[p] === k);
    }
  }
  return c;
}

function compareConstant(op: number, a: ArrayLike<number>, k: number, out: Uint8Array, n: number): void {
  switch (op) {
    case 0:
      for (let p = 0; p < n; p++) out[p] = a[p] === k ? 1 : 0;
      return;
    case 1:
      for (let p = 0; p < n; p++) out[p] = a[p] !== k ? 1 : 0;
      return;
    case 2:
      for (let p = 0; p < n; p++) out[p] = a[p] < k ? 1 : 0;
      return;
    case 3:
      for (let p = 0; p < n; p++) out[p] = a[p] <= k ? 1 : 0;
      return;
    case 4:
      for (let p = 0; p < n; p++) out[p] = a[p] > k ? 1 : 0;
      return;
    default:
      for (let p = 0; p < n; p++) out[p] = a[p] >= k ? 1 : 0;
  }
}
