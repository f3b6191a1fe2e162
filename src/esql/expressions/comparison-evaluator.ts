import type { Block } from '../../compute/block.js';
import type { Page } from '../../compute/page.js';
import type { ComparisonOp, Source } from '../ast.js';
import type { ExpressionEvaluator } from '../evaluator.js';
import type { Warnings } from '../warnings.js';
import { isPlain, MULTI_VALUED, NullsBuilder, singleValueIndex } from './single-value.js';

/** How the two sides' values are read and ordered. */
export type CompareKind =
  | { readonly kind: 'number' }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'string'; readonly compare: (a: string, b: string) => number };

const OP_CODES: Record<ComparisonOp, number> = { '==': 0, '!=': 1, '<': 2, '<=': 3, '>': 4, '>=': 5 };

/** Binary comparison; null if either side is null, null plus a warning if either is multi-valued. */
export class ComparisonEvaluator implements ExpressionEvaluator {
  private readonly opCode: number;

  constructor(
    op: ComparisonOp,
    private readonly compareKind: CompareKind,
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
    const n = page.positionCount;
    const values = new Uint8Array(n);
    const nulls = new NullsBuilder(n);
    const k = this.compareKind;
    const op = this.opCode;
    if (k.kind === 'number' && isPlain(l) && isPlain(r)) {
      compareNumbers(op, l.values as ArrayLike<number>, r.values as ArrayLike<number>, values, n);
      return { type: 'boolean', positionCount: n, values };
    }
    for (let p = 0; p < n; p++) {
      const li = singleValueIndex(l, p);
      const ri = singleValueIndex(r, p);
      if (li < 0 || ri < 0) {
        // As ES's generated evaluators: the left side is checked first, a null there never warns.
        if (li === MULTI_VALUED || (li >= 0 && ri === MULTI_VALUED)) this.warnings.multiValue(this.source);
        nulls.set(p);
        continue;
      }
      let c: number;
      if (k.kind === 'number') {
        const a = (l.values as Float64Array)[li];
        const b = (r.values as Float64Array)[ri];
        c = a < b ? -1 : a > b ? 1 : 0;
      } else if (k.kind === 'bigint') {
        const a = (l.values as BigUint64Array)[li];
        const b = (r.values as BigUint64Array)[ri];
        c = a < b ? -1 : a > b ? 1 : 0;
      } else {
        c = k.compare((l.values as string[])[li], (r.values as string[])[ri]);
      }
      values[p] = test(op, c) ? 1 : 0;
    }
    return { type: 'boolean', positionCount: n, values, nulls: nulls.build() };
  }

  toString(): string {
    const name = ['Equals', 'NotEquals', 'LessThan', 'LessThanOrEqual', 'GreaterThan', 'GreaterThanOrEqual'][this.opCode];
    return `${name}Evaluator[lhs=${this.left}, rhs=${this.right}]`;
  }
}

/** Whether comparison result `c` (<0, 0, >0) satisfies operator code `op`. */
export function test(op: number, c: number): boolean {
  switch (op) {
    case 0:
      return c === 0;
    case 1:
      return c !== 0;
    case 2:
      return c < 0;
    case 3:
      return c <= 0;
    case 4:
      return c > 0;
    default:
      return c >= 0;
  }
}

/** The no-null, single-valued case: one tight loop per operator. */
function compareNumbers(op: number, a: ArrayLike<number>, b: ArrayLike<number>, out: Uint8Array, n: number): void {
  switch (op) {
    case 0:
      for (let p = 0; p < n; p++) out[p] = a[p] === b[p] ? 1 : 0;
      return;
    case 1:
      for (let p = 0; p < n; p++) out[p] = a[p] !== b[p] ? 1 : 0;
      return;
    case 2:
      for (let p = 0; p < n; p++) out[p] = a[p] < b[p] ? 1 : 0;
      return;
    case 3:
      for (let p = 0; p < n; p++) out[p] = a[p] <= b[p] ? 1 : 0;
      return;
    case 4:
      for (let p = 0; p < n; p++) out[p] = a[p] > b[p] ? 1 : 0;
      return;
    default:
      for (let p = 0; p < n; p++) out[p] = a[p] >= b[p] ? 1 : 0;
  }
}
