import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/compute/block.js';
import { ArithmeticEvaluator, NegateEvaluator } from '../../../src/esql/expressions/arithmetic-evaluator.js';
import { ColumnEvaluator } from '../../../src/esql/expressions/column-evaluator.js';
import { positionValue } from '../../../src/esql/result-values.js';
import { Warnings } from '../../../src/esql/warnings.js';
import type { ArithmeticOp } from '../../../src/esql/ast.js';

const source = { line: 1, column: 5, text: 'a op b' };
const ints = (...v: number[]): Block => ({ type: 'integer', positionCount: v.length, values: Int32Array.from(v) });
const doubles = (...v: number[]): Block => ({ type: 'double', positionCount: v.length, values: Float64Array.from(v) });
const longs = (...v: number[]): Block => ({ type: 'long', positionCount: v.length, values: Float64Array.from(v) });
const uls = (...v: bigint[]): Block => ({ type: 'unsigned_long', positionCount: v.length, values: BigUint64Array.from(v) });

function run(op: ArithmeticOp, type: 'integer' | 'long' | 'double' | 'unsigned_long', l: Block, r: Block) {
  const warnings = new Warnings();
  const e = new ArithmeticEvaluator(op, type, new ColumnEvaluator(0, 'a'), new ColumnEvaluator(1, 'b'), source, warnings);
  const out = e.eval({ positionCount: l.positionCount, blocks: [l, r] });
  expect(out.type).toBe(type);
  return { values: Array.from({ length: out.positionCount }, (_, p) => positionValue(out, p)), warnings: warnings.list() };
}

describe('ArithmeticEvaluator', () => {
  it('integer division truncates and % keeps the dividend sign', () => {
    expect(run('/', 'integer', ints(7, -7, 7), ints(2, 2, -2)).values).toEqual([3, -3, -3]);
    expect(run('%', 'integer', ints(7, -7, 7), ints(3, 3, -3)).values).toEqual([1, -1, 1]);
  });

  it('integer overflow gives null and an ArithmeticException warning', () => {
    const r = run('*', 'integer', ints(2147483647, 2), ints(2, 3));
    expect(r.values).toEqual([null, 6]);
    expect(r.warnings).toEqual([
      'Line 1:5: evaluation of [a op b] failed, treating result as null. Only first 20 failures recorded.',
      'Line 1:5: java.lang.ArithmeticException: integer overflow',
    ]);
  });

  it('long overflow and division by zero', () => {
    const r = run('+', 'long', longs(2 ** 63, 1), longs(2 ** 63, 2));
    expect(r.values).toEqual([null, 3]);
    expect(r.warnings[1]).toBe('Line 1:5: java.lang.ArithmeticException: long overflow');
    const z = run('/', 'long', longs(1), ints(0));
    expect(z.values).toEqual([null]);
    expect(z.warnings[1]).toBe('Line 1:5: java.lang.ArithmeticException: / by zero');
  });

  it('widens integer operands read into long and double arithmetic', () => {
    expect(run('+', 'long', ints(1), longs(2)).values).toEqual([3]);
    expect(run('*', 'double', ints(3), doubles(1.5)).values).toEqual([4.5]);
  });

  it('double division by zero is null with a warning', () => {
    const r = run('/', 'double', doubles(1, 3), doubles(0, 2));
    expect(r.values).toEqual([null, 1.5]);
    expect(r.warnings[1]).toBe('Line 1:5: java.lang.ArithmeticException: / by zero');
  });

  it('unsigned_long arithmetic is exact and overflows both ways', () => {
    const r = run('+', 'unsigned_long', uls(18446744073709551614n, 18446744073709551615n), uls(1n, 1n));
    expect(r.values).toEqual([18446744073709551615n, null]);
    expect(run('-', 'unsigned_long', uls(1n), uls(2n)).warnings[1]).toBe('Line 1:5: java.lang.ArithmeticException: unsigned_long overflow');
  });

  it('null and multi-valued operands give null; multi-values warn', () => {
    const withNull: Block = { type: 'integer', positionCount: 2, values: Int32Array.from([0, 5]), nulls: Uint8Array.from([1, 0]) };
    const multi: Block = { type: 'integer', positionCount: 2, values: Int32Array.from([1, 2, 3]), firstValueIndexes: Int32Array.from([0, 2, 3]) };
    const r = run('+', 'integer', withNull, multi);
    expect(r.values).toEqual([null, 8]);
    expect(r.warnings).toEqual([]);
    const m = run('+', 'integer', multi, ints(1, 1));
    expect(m.values).toEqual([null, 4]);
    expect(m.warnings[1]).toBe('Line 1:5: java.lang.IllegalArgumentException: single-value function encountered multi-value');
  });

  it('negating the smallest integer overflows', () => {
    const warnings = new Warnings();
    const out = new NegateEvaluator('integer', new ColumnEvaluator(0, 'a'), source, warnings).eval({
      positionCount: 2,
      blocks: [ints(-2147483648, 5)],
    });
    expect([positionValue(out, 0), positionValue(out, 1)]).toEqual([null, -5]);
    expect(warnings.list()[1]).toContain('integer overflow');
  });
});
