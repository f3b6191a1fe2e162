import { describe, expect, it } from 'vitest';
import type { Page } from '../../../src/compute/page.js';
import { truePositions } from '../../../src/compute/position-selection.js';
import type { ComparisonOp } from '../../../src/esql/ast.js';
import { ColumnEvaluator } from '../../../src/esql/expressions/column-evaluator.js';
import { ConstantComparisonEvaluator } from '../../../src/esql/expressions/constant-comparison-evaluator.js';
import { LogicEvaluator, NotEvaluator } from '../../../src/esql/expressions/logical-evaluators.js';
import type { ExpressionEvaluator } from '../../../src/esql/evaluator.js';
import { Warnings } from '../../../src/esql/warnings.js';
import { pageOf } from '../../compute/helpers.js';

type Build = (w: Warnings) => ExpressionEvaluator & {
  selectPositions(page: Page, out: Int32Array): number;
  refinePositions(page: Page, positions: Int32Array, count: number, out: Int32Array): number;
};

const src = (text: string) => ({ line: 1, column: text.length, text });
const cmp = (ch: number, op: ComparisonOp, k: number) => (w: Warnings) =>
  new ConstantComparisonEvaluator(op, new ColumnEvaluator(ch, `c${ch}`), k, false, src(`c${ch} ${op} ${k}`), w);
const logic = (op: 'and' | 'or', l: (w: Warnings) => ExpressionEvaluator, r: (w: Warnings) => ExpressionEvaluator): Build => (w) =>
  new LogicEvaluator(op, l(w), r(w), src(op), w);

/** The reference: the boolean block, then its true positions; and the selection, each with its own Warnings. */
function check(build: Build, page: Page) {
  const n = page.positionCount;
  const w1 = new Warnings();
  const out1 = new Int32Array(n);
  const want = Array.from(out1.subarray(0, truePositions(build(w1).eval(page), n, out1)));
  const w2 = new Warnings();
  const out2 = new Int32Array(n);
  expect(Array.from(out2.subarray(0, build(w2).selectPositions(page, out2)))).toEqual(want);
  expect(w2.list()).toEqual(w1.list());
  // Refining every other position equals selecting then keeping those.
  const odd = Int32Array.from({ length: n >> 1 }, (_, i) => 2 * i + 1);
  const w3 = new Warnings();
  const kept = Array.from(odd.subarray(0, build(w3).refinePositions(page, odd, odd.length, odd)));
  expect(kept).toEqual(want.filter((p) => p % 2 === 1));
  expect(w3.list()).toEqual(w1.list());
  return want;
}

describe('AND / OR as selection vectors', () => {
  const n = 64;
  const ints = Array.from({ length: n }, (_, i) => (i * 37) % 100);
  const doubles = Array.from({ length: n }, (_, i) => ((i * 53) % 100) / 2);
  const plain = pageOf(['integer', ints], ['double', doubles]);
  const messy = pageOf(
    ['integer', ints.map((x, i) => (i % 7 === 0 ? null : i % 11 === 0 ? [x, x + 1] : x))],
    ['double', doubles.map((x, i) => (i % 5 === 0 ? null : i % 13 === 0 ? [x, 1] : x))],
  );
  const cases: [string, Build][] = [
    ['a > 30 AND b < 20', logic('and', cmp(0, '>', 30), cmp(1, '<', 20))],
    ['a > 30 OR b < 20', logic('or', cmp(0, '>', 30), cmp(1, '<', 20))],
    ['(a > 30 AND b < 20) OR a == 5', logic('or', logic('and', cmp(0, '>', 30), cmp(1, '<', 20)), cmp(0, '==', 5))],
    ['a != 37 AND (b >= 10 OR a <= 3)', logic('and', cmp(0, '!=', 37), logic('or', cmp(1, '>=', 10), cmp(0, '<=', 3)))],
  ];
  for (const [name, build] of cases) {
    it(`${name}: same positions and warnings as the boolean block (plain and null/multi-valued columns)`, () => {
      expect(check(build, plain).length).toBeGreaterThan(0);
      check(build, messy);
    });
  }

  it('a side that is not a selector (NOT) goes through the boolean block', () => {
    const build: Build = (w) => new LogicEvaluator('and', new NotEvaluator(cmp(0, '>', 30)(w), src('not'), w), cmp(1, '<', 20)(w), src('and'), w);
    expect(check(build, plain).length).toBeGreaterThan(0);
    check(build, messy);
  });

  it('multi-valued rows warn once per row on each side, as the boolean evaluation does', () => {
    const page = pageOf(['integer', [[1, 2], 5, [3, 4]]], ['integer', [1, [2, 3], 9]]);
    const w = new Warnings();
    const out = new Int32Array(3);
    expect(logic('and', cmp(0, '>', 0), cmp(1, '>', 0))(w).selectPositions(page, out)).toBe(0);
    expect(w.list().filter((m) => m.includes('single-value function encountered multi-value'))).toHaveLength(3);
  });
});
