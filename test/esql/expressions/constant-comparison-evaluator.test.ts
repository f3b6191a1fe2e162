import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/compute/block.js';
import type { Page } from '../../../src/compute/page.js';
import type { ComparisonOp } from '../../../src/esql/ast.js';
import { compareUtf8 } from '../../../src/compute/value-order.js';
import { ColumnEvaluator } from '../../../src/esql/expressions/column-evaluator.js';
import { ComparisonEvaluator } from '../../../src/esql/expressions/comparison-evaluator.js';
import { ConstantComparisonEvaluator } from '../../../src/esql/expressions/constant-comparison-evaluator.js';
import { LiteralEvaluator } from '../../../src/esql/expressions/literal-evaluator.js';
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
  const out = new Int32Array(page.positionCount);
  const count = make(selectWarnings).selectPositions(page, out);
  return {
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
});
