import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/compute/block.js';
import type { Page } from '../../../src/compute/page.js';
import type { ComparisonOp } from '../../../src/esql/ast.js';
import { compareUtf8 } from '../../../src/compute/value-order.js';
import { ColumnEvaluator } from '../../../src/esql/expressions/column-evaluator.js';
import { ComparisonEvaluator } from '../../../src/esql/expressions/comparison-evaluator.js';
import { ConstantComparisonEvaluator } from '../../../src/esql/expressions/constant-comparison-evaluator.js';
import { LiteralEvaluator } from '../../../src/esql/expressions/literal-evaluator.js';
import { keepTrue } from '../../../src/compute/position-selection.js';
import { positionValue } from '../../../src/esql/result-values.js';
import { Warnings } from '../../../src/esql/warnings.js';
import { pageOf } from '../../compute/helpers.js';

const source = { line: 1, column: 7, text: 'x op k' };
const OPS: ComparisonOp[] = ['==', '!=', '<', '<=', '>', '>='];
const values = (b: Block) => Array.from({ length: b.positionCount }, (_, p) => positionValue(b, p));

// The reference: the general evaluator over a materialised constant block, sides in the same order.
function reference(op: ComparisonOp, page: Page, k: number, constantFirst: boolean) {
  const warnings = new Warnings();
  const c = new ColumnEvaluator(0, 'x');
  const lit = new LiteralEvaluator('integer', k);
  const e = constantFirst
    ? new ComparisonEvaluator(op, { kind: 'number' }, lit, c, source, warnings)
    : new ComparisonEvaluator(op, { kind: 'number' }, c, lit, source, warnings);
  return { values: values(e.eval(page)), warnings: warnings.list() };
}

/** eval and selectPositions on two evaluators, each with its own Warnings. */
function specialised(op: ComparisonOp, page: Page, k: number, constantFirst: boolean) {
  const make = (w: Warnings) => new ConstantComparisonEvaluator(op, new ColumnEvaluator(0, 'x'), k, constantFirst, source, w);
  const evalWarnings = new Warnings();
  const selectWarnings = new Warnings();
  const countWarnings = new Warnings();
  const out = new Int32Array(page.positionCount);
  const count = make(selectWarnings).selectPositions(page, out);
  const counted = make(countWarnings).countPositions(page, new Int32Array(page.positionCount));
  return {
    counted,
    countWarnings: countWarnings.list(),
    values: values(make(evalWarnings).eval(page)),
    warnings: evalWarnings.list(),
    selectWarnings: selectWarnings.list(),
    positions: Array.from(out.subarray(0, count)),
  };
}

const truePositionsOf = (v: unknown[]) => v.flatMap((x, p) => (x === true ? [p] : []));

describe('ConstantComparisonEvaluator', () => {
  const plain = pageOf(['integer', [1, 5, 3, 7, 3, -2]]);
  const messy = pageOf(['double', [1.5, null, 3, [2, 4], 7]]);

  for (const page of [plain, messy]) {
    for (const op of OPS) {
      for (const constantFirst of [false, true]) {
        it(`${constantFirst ? 'k' : 'x'} ${op} ${constantFirst ? 'x' : 'k'} on a ${page === plain ? 'plain' : 'null/multi'} block agrees with the general evaluator`, () => {
          const want = reference(op, page, 3, constantFirst);
          const got = specialised(op, page, 3, constantFirst);
          expect(got.values).toEqual(want.values);
          expect(got.positions).toEqual(truePositionsOf(want.values));
          expect(got.warnings).toEqual(want.warnings);
          expect(got.selectWarnings).toEqual(want.warnings);
          expect(got.counted).toBe(truePositionsOf(want.values).length);
          expect(got.countWarnings).toEqual(want.warnings);
        });
      }
    }
  }

  it('describes itself as the general evaluator does, sides in the query order', () => {
    const e = (first: boolean) => new ConstantComparisonEvaluator('<', new ColumnEvaluator(0, 'x'), 3, first, source, new Warnings());
    const general = new ComparisonEvaluator('<', { kind: 'number' }, new LiteralEvaluator('integer', 3), new ColumnEvaluator(0, 'x'), source, new Warnings());
    expect(e(true).toString()).toBe(general.toString());
    expect(e(false).toString()).toMatch(/^LessThanEvaluator\[lhs=.*, rhs=LiteralsEvaluator\[lit=3\]\]$/);
  });

  for (const op of ['==', '!='] as const) {
    it(`keyword ${op} a string constant agrees with the general evaluator (plain and null/multi)`, () => {
      for (const page of [pageOf(['keyword', ['a', 'b', 'a', 'é']]), pageOf(['keyword', ['a', null, ['a', 'b'], 'c']])]) {
        const w1 = new Warnings();
        const general = new ComparisonEvaluator(op, { kind: 'string', compare: compareUtf8 }, new ColumnEvaluator(0, 'x'), new LiteralEvaluator('keyword', 'a'), source, w1);
        const want = values(general.eval(page));
        const w2 = new Warnings();
        const e = new ConstantComparisonEvaluator(op, new ColumnEvaluator(0, 'x'), 'a', false, source, w2);
        expect(values(e.eval(page))).toEqual(want);
        expect(w2.list()).toEqual(w1.list());
        const out = new Int32Array(4);
        const count = new ConstantComparisonEvaluator(op, new ColumnEvaluator(0, 'x'), 'a', true, source, new Warnings()).selectPositions(page, out);
        expect(Array.from(out.subarray(0, count))).toEqual(truePositionsOf(want));
      }
    });
  }
  for (const page of [plain, messy]) {
    it(`refinePositions keeps what the boolean block keeps, with the same warnings (${page === plain ? 'plain' : 'null/multi'})`, () => {
      for (const op of OPS) {
        const w1 = new Warnings();
        const block = new ConstantComparisonEvaluator(op, new ColumnEvaluator(0, 'x'), 3, false, source, w1).eval(page);
        const want = Int32Array.from([1, 2, 3, 4]);
        const wantCount = keepTrue(block, want, 4, want);
        const w2 = new Warnings();
        const got = Int32Array.from([1, 2, 3, 4]);
        const count = new ConstantComparisonEvaluator(op, new ColumnEvaluator(0, 'x'), 3, false, source, w2).refinePositions(page, got, 4, got);
        expect(Array.from(got.subarray(0, count))).toEqual(Array.from(want.subarray(0, wantCount)));
        expect(w2.list()).toEqual(w1.list());
      }
    });
  }

  it('selects right whether the last page matched almost nothing, almost everything or half', () => {
    const e = new ConstantComparisonEvaluator('>', new ColumnEvaluator(0, 'x'), 500, false, source, new Warnings());
    const pages = [
      Array.from({ length: 1000 }, (_, i) => i), // half
      Array.from({ length: 1000 }, () => 1), // none
      Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? 900 : 2)), // a third, after "none"
      Array.from({ length: 1000 }, () => 1000), // all
      Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? 600 : 400)), // half, after "all"
    ];
    for (const values of pages) {
      for (const type of ['long', 'integer'] as const) {
        const page = pageOf([type, values]);
        const out = new Int32Array(1000);
        const count = e.selectPositions(page, out);
        expect(Array.from(out.subarray(0, count))).toEqual(values.flatMap((v, p) => (v > 500 ? [p] : [])));
      }
    }
  });

  it('a literal block is served for every page size, smaller ones as views of the largest', () => {
    const lit = new LiteralEvaluator('long', 1024);
    for (const n of [3, 10, 4, 10, 1]) {
      const b = lit.eval({ positionCount: n, blocks: [] });
      expect(b.positionCount).toBe(n);
      expect(values(b)).toEqual(new Array(n).fill(1024));
    }
  });
});
