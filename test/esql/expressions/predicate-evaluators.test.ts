import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/compute/block.js';
import { compareUtf8 } from '../../../src/compute/value-order.js';
import { ColumnEvaluator } from '../../../src/esql/expressions/column-evaluator.js';
import { ComparisonEvaluator } from '../../../src/esql/expressions/comparison-evaluator.js';
import { InEvaluator } from '../../../src/esql/expressions/in-evaluator.js';
import { LikeEvaluator } from '../../../src/esql/expressions/like-evaluator.js';
import { likeToRegExp } from '../../../src/esql/expressions/like-pattern.js';
import { IsNullEvaluator, LogicEvaluator, NotEvaluator } from '../../../src/esql/expressions/logical-evaluators.js';
import type { ExpressionEvaluator } from '../../../src/esql/evaluator.js';
import { positionValue } from '../../../src/esql/result-values.js';
import { Warnings } from '../../../src/esql/warnings.js';

const source = { line: 2, column: 3, text: 'cond' };
const col = (c: number) => new ColumnEvaluator(c, `c${c}`);

/** A boolean block from true/false/null. */
function bools(...v: (boolean | null)[]): Block {
  const nulls = Uint8Array.from(v.map((x) => (x === null ? 1 : 0)));
  return { type: 'boolean', positionCount: v.length, values: Uint8Array.from(v.map((x) => (x === true ? 1 : 0))), nulls };
}

function values(e: ExpressionEvaluator, blocks: Block[]) {
  const out = e.eval({ positionCount: blocks[0].positionCount, blocks });
  return Array.from({ length: out.positionCount }, (_, p) => positionValue(out, p));
}

describe('three-valued logic', () => {
  const l = bools(true, true, true, false, false, false, null, null, null);
  const r = bools(true, false, null, true, false, null, true, false, null);

  it('AND', () => {
    expect(values(new LogicEvaluator('and', col(0), col(1), source, new Warnings()), [l, r])).toEqual([
      true, false, null, false, false, false, null, false, null,
    ]);
  });

  it('OR', () => {
    expect(values(new LogicEvaluator('or', col(0), col(1), source, new Warnings()), [l, r])).toEqual([
      true, true, true, true, false, null, true, null, null,
    ]);
  });

  it('NOT and IS [NOT] NULL', () => {
    expect(values(new NotEvaluator(col(0), source, new Warnings()), [bools(true, false, null)])).toEqual([false, true, null]);
    expect(values(new IsNullEvaluator(col(0), false), [bools(true, null)])).toEqual([false, true]);
    expect(values(new IsNullEvaluator(col(0), true), [bools(true, null)])).toEqual([true, false]);
  });
});

describe('comparisons', () => {
  it('compare widened numbers and report multi-values', () => {
    const ints: Block = { type: 'integer', positionCount: 3, values: Int32Array.from([1, 2, 5, 6]), firstValueIndexes: Int32Array.from([0, 1, 2, 4]) };
    const doubles: Block = { type: 'double', positionCount: 3, values: Float64Array.from([1.5, 2, 0]) };
    const w = new Warnings();
    expect(values(new ComparisonEvaluator('<', { kind: 'number' }, col(0), col(1), source, w), [ints, doubles])).toEqual([true, false, null]);
    expect(w.list()).toEqual([
      'Line 2:3: evaluation of [cond] failed, treating result as null. Only first 20 failures recorded.',
      'Line 2:3: java.lang.IllegalArgumentException: single-value function encountered multi-value',
    ]);
  });

  it('compare strings in UTF-8 order', () => {
    const a: Block = { type: 'keyword', positionCount: 2, values: ['a', '\uffff'] };
    const b: Block = { type: 'keyword', positionCount: 2, values: ['b', '\u{1F600}'] };
    expect(values(new ComparisonEvaluator('<', { kind: 'string', compare: compareUtf8 }, col(0), col(1), source, new Warnings()), [a, b])).toEqual([
      true,
      true,
    ]);
  });
});

describe('IN', () => {
  const ints = (...v: (number | null)[]): Block => ({
    type: 'integer',
    positionCount: v.length,
    values: Int32Array.from(v.map((x) => x ?? 0)),
    nulls: Uint8Array.from(v.map((x) => (x === null ? 1 : 0))),
  });

  it('is true on a match, null when unmatched with a null in the list, else false', () => {
    const v = ints(1, 2, 3, null);
    const a = ints(1, 1, 1, 1);
    const b = ints(5, null, 5, 5);
    const e = new InEvaluator({ kind: 'number' }, col(0), [col(1), col(2)], false, source, new Warnings());
    expect(values(e, [v, a, b])).toEqual([true, null, false, null]);
    const not = new InEvaluator({ kind: 'number' }, col(0), [col(1), col(2)], true, source, new Warnings());
    expect(values(not, [v, a, b])).toEqual([false, null, true, null]);
  });
});

describe('LIKE', () => {
  it('matches keywords, null stays null', () => {
    const k: Block = { type: 'keyword', positionCount: 3, values: ['Georgi', 'Bezalel', ''], nulls: Uint8Array.from([0, 0, 1]) };
    expect(values(new LikeEvaluator(col(0), likeToRegExp('G*'), false, source, new Warnings()), [k])).toEqual([true, false, null]);
    expect(values(new LikeEvaluator(col(0), likeToRegExp('G*'), true, source, new Warnings()), [k])).toEqual([false, true, null]);
  });
});
