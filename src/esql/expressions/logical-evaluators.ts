import { isPositionSelector, type PositionSelector } from '../../compute/block-evaluator.js';
import type { Block } from '../../compute/block.js';
import type { Page } from '../../compute/page.js';
import { keepTrue, scratchOf, truePositions, unionPositions } from '../../compute/position-selection.js';
import type { Source } from '../ast.js';
import type { ExpressionEvaluator } from '../evaluator.js';
import type { Warnings } from '../warnings.js';
import { isPlain, MULTI_VALUED, NULL_POSITION, NullsBuilder, singleValueIndex } from './single-value.js';

const UNKNOWN = 2;

/** 0 false, 1 true, 2 unknown (null); a multi-value is unknown and warns. */
function truth(b: Block, p: number, source: Source, warnings: Warnings): number {
  const i = singleValueIndex(b, p);
  if (i === NULL_POSITION) return UNKNOWN;
  if (i === MULTI_VALUED) {
    warnings.multiValue(source);
    return UNKNOWN;
  }
  return (b.values as Uint8Array)[i];
}

/**
 * AND / OR with SQL three-valued logic: `false AND null` is false, `true OR null` is true. In a WHERE
 * only TRUE keeps a row, so when both sides are PositionSelectors the selection is computed directly:
 * AND refines the left side's positions with the right side, OR unites both sides' positions.
 */
export class LogicEvaluator implements ExpressionEvaluator, PositionSelector {
  /** OR's per-side selections (evaluation is synchronous, so one pair per evaluator suffices). */
  private leftScratch: Int32Array = new Int32Array(0);
  private rightScratch: Int32Array = new Int32Array(0);

  constructor(
    private readonly op: 'and' | 'or',
    private readonly left: ExpressionEvaluator,
    private readonly right: ExpressionEvaluator,
    private readonly source: Source,
    private readonly warnings: Warnings,
  ) {}

  eval(page: Page): Block {
    const l = this.left.eval(page);
    const r = this.right.eval(page);
    const n = page.positionCount;
    const values = new Uint8Array(n);
    const nulls = new NullsBuilder(n);
    const isAnd = this.op === 'and';
    if (isPlain(l) && isPlain(r)) {
      const a = l.values as Uint8Array;
      const b = r.values as Uint8Array;
      if (isAnd) for (let p = 0; p < n; p++) values[p] = a[p] & b[p];
      else for (let p = 0; p < n; p++) values[p] = a[p] | b[p];
      return { type: 'boolean', positionCount: n, values };
    }
    for (let p = 0; p < n; p++) {
      const a = truth(l, p, this.source, this.warnings);
      const b = truth(r, p, this.source, this.warnings);
      // The dominant value decides regardless of the other side: false for AND, true for OR.
      const dominant = isAnd ? 0 : 1;
      if (a === dominant || b === dominant) values[p] = dominant;
      else if (a === UNKNOWN || b === UNKNOWN) nulls.set(p);
      else values[p] = 1 - dominant;
    }
    return { type: 'boolean', positionCount: n, values, nulls: nulls.build() };
  }

  selectPositions(page: Page, out: Int32Array): number {
    const l = this.left;
    const r = this.right;
    if (!isPositionSelector(l) || !isPositionSelector(r)) return truePositions(this.eval(page), page.positionCount, out);
    if (this.op === 'and') return r.refinePositions(page, out, l.selectPositions(page, out), out);
    const [a, b] = this.scratch(page.positionCount);
    return unionPositions(a, l.selectPositions(page, a), b, r.selectPositions(page, b), out);
  }

  refinePositions(page: Page, positions: Int32Array, count: number, out: Int32Array): number {
    const l = this.left;
    const r = this.right;
    if (!isPositionSelector(l) || !isPositionSelector(r)) return keepTrue(this.eval(page), positions, count, out);
    if (this.op === 'and') return r.refinePositions(page, out, l.refinePositions(page, positions, count, out), out);
    const [a, b] = this.scratch(count);
    return unionPositions(a, l.refinePositions(page, positions, count, a), b, r.refinePositions(page, positions, count, b), out);
  }

  toString(): string {
    return `${this.op === 'and' ? 'And' : 'Or'}Evaluator[lhs=${this.left}, rhs=${this.right}]`;
  }

  private scratch(n: number): [Int32Array, Int32Array] {
    this.leftScratch = scratchOf(this.leftScratch, n);
    this.rightScratch = scratchOf(this.rightScratch, n);
    return [this.leftScratch, this.rightScratch];
  }
}

export class NotEvaluator implements ExpressionEvaluator {
  constructor(
    private readonly operand: ExpressionEvaluator,
    private readonly source: Source,
    private readonly warnings: Warnings,
  ) {}

  eval(page: Page): Block {
    const b = this.operand.eval(page);
    const n = page.positionCount;
    const values = new Uint8Array(n);
    if (isPlain(b)) {
      const a = b.values as Uint8Array;
      for (let p = 0; p < n; p++) values[p] = 1 - a[p];
      return { type: 'boolean', positionCount: n, values };
    }
    const nulls = new NullsBuilder(n);
    for (let p = 0; p < n; p++) {
      const t = truth(b, p, this.source, this.warnings);
      if (t === UNKNOWN) nulls.set(p);
      else values[p] = 1 - t;
    }
    return { type: 'boolean', positionCount: n, values, nulls: nulls.build() };
  }

  toString(): string {
    return `NotEvaluator[v=${this.operand}]`;
  }
}

/** IS NULL / IS NOT NULL: never null itself, and a multi-value is simply not null (no warning). */
export class IsNullEvaluator implements ExpressionEvaluator {
  constructor(
    private readonly operand: ExpressionEvaluator,
    private readonly negated: boolean,
  ) {}

  eval(page: Page): Block {
    const b = this.operand.eval(page);
    const n = page.positionCount;
    const values = new Uint8Array(n);
    const hit = this.negated ? 0 : 1;
    for (let p = 0; p < n; p++) values[p] = singleValueIndex(b, p) === NULL_POSITION ? hit : 1 - hit;
    return { type: 'boolean', positionCount: n, values };
  }

  toString(): string {
    return `Is${this.negated ? 'NotNull' : 'Null'}Evaluator[field=${this.operand}]`;
  }
}
