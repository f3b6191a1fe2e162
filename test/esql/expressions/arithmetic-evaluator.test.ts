import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/compute/block.js';
import { deferredFilterBlock, pendingGather } from '../../../src/compute/deferred-filter-block.js';
import { ArithmeticEvaluator, NegateEvaluator } from '../../../src/esql/expressions/arithmetic-evaluator.js';
import { ColumnEvaluator } from '../../../src/esql/expressions/column-evaluator.js';
import { LiteralEvaluator } from '../../../src/esql/expressions/literal-evaluator.js';
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
  it('the typed fast path agrees with the row loop: a bad row anywhere redoes the page with nulls and warnings in order', () => {
    // A null-free page takes the fast path; the same values with an (irrelevant) null bitmap take the row loop.
    const withNoNulls = (b: Block): Block => ({ ...b, nulls: new Uint8Array(b.positionCount) });
    const cases: [ArithmeticOp, 'integer' | 'long' | 'double', Block, Block][] = [
      ['*', 'integer', ints(3, 2147483647, -4, 65536), ints(2, 2, 5, 65536)],
      ['/', 'long', longs(1024, 7, -7, 5), longs(1024, 0, 2, 0)],
      ['%', 'integer', ints(7, -7, 5), ints(3, 0, -3)],
      ['+', 'long', longs(2 ** 62, 2 ** 62, 1), longs(2 ** 62, 2 ** 63, -1)],
      ['-', 'double', doubles(1, -Number.MAX_VALUE, 0.5), doubles(0.25, Number.MAX_VALUE, 0.5)],
      ['/', 'double', doubles(1, 0, -1), doubles(0, 0, 4)],
    ];
    for (const [op, type, l, r] of cases) {
      const fast = run(op, type, l, r);
      const slow = run(op, type, withNoNulls(l), r);
      expect(fast).toEqual(slow);
      expect(fast.warnings.length).toBeGreaterThan(0);
    }
  });

  it('integral results have no negative zero; doubles keep theirs', () => {
    const zeroLong = run('*', 'long', longs(0, -6), longs(-5, 3));
    expect(Object.is(zeroLong.values[0], 0)).toBe(true);
    expect(zeroLong.values[1]).toBe(-18);
    expect(Object.is(run('/', 'long', longs(-1), longs(1024)).values[0], 0)).toBe(true);
    expect(Object.is(run('+', 'double', doubles(-0), doubles(-0)).values[0], -0)).toBe(true);
    expect(Object.is(run('*', 'double', doubles(0), doubles(-5)).values[0], -0)).toBe(true);
  });

  it('long division by a constant truncates toward zero over a whole page (EVAL kb = bytes / 1024)', () => {
    const bytes = Array.from({ length: 5000 }, (_, i) => i * 997 - 1_000_000);
    const r = run('/', 'long', longs(...bytes), longs(...bytes.map(() => 1024)));
    expect(r.values).toEqual(bytes.map((b) => Math.trunc(b / 1024) + 0));
    expect(r.warnings).toEqual([]);
  });
  it('reads a column a WHERE kept through its positions, without materialising it', () => {
    const positions = Int32Array.from([1, 3, 4]);
    const bytes = deferredFilterBlock(longs(10, 2048, 30, 5000, -3000), positions, 3);
    const r = run('/', 'long', bytes, longs(1024, 1024, 1024));
    expect(r.values).toEqual([2, 4, -2]);
    expect(pendingGather(bytes)).toBeDefined();
    // An invalid row redoes the page row by row, which reads (materialises) the operand.
    const ints32 = deferredFilterBlock(ints(1, 2147483647, 3), Int32Array.from([0, 1]), 2);
    const o = run('+', 'integer', ints32, ints(1, 1));
    expect(o.values).toEqual([2, null]);
    expect(o.warnings[1]).toContain('integer overflow');
  });

  describe('with a literal right operand (scalar kernel)', () => {
    type NumberType = 'integer' | 'long' | 'double';
    /** `a op literal` over the page's column 0; each page is one eval of the same evaluator. */
    function runLiteral(op: ArithmeticOp, type: NumberType, literalType: NumberType, literal: number | null, pages: Block[]) {
      const warnings = new Warnings();
      const e = new ArithmeticEvaluator(op, type, new ColumnEvaluator(0, 'a'), new LiteralEvaluator(literalType, literal), source, warnings);
      const values = pages.map((b) => {
        const out = e.eval({ positionCount: b.positionCount, blocks: [b] });
        expect(out.type).toBe(type);
        return Array.from({ length: out.positionCount }, (_, p) => positionValue(out, p));
      });
      return { values, warnings: warnings.list() };
    }
    const column = (type: NumberType, v: number[]): Block => (type === 'integer' ? ints(...v) : type === 'double' ? doubles(...v) : longs(...v));
    /** The same values with an all-zero null bitmap: the general row loop, the reference. */
    const viaRowLoop = (b: Block): Block => ({ ...b, nulls: new Uint8Array(b.positionCount) });

    it('agrees with the row loop for every operator, power-of-two and other constants, and a bad row', () => {
      const left = [0, 1, -1, 7, -7, 1023, 1024, 1025, -1025, 999_999, 2147483647, -2147483648, 123456789];
      const constants = [1024, -1024, 0.5, 2, 3, -3, 1, 0, 2 ** 40];
      for (const type of ['integer', 'long', 'double'] as const) {
        for (const op of ['+', '-', '*', '/', '%'] as const) {
          for (const c of constants) {
            if (type === 'integer' && !Number.isInteger(c)) continue;
            const literalType = type === 'integer' && Math.abs(c) < 2 ** 31 ? 'integer' : type === 'integer' ? 'long' : type;
            const values = type === 'integer' ? left : [...left, 2 ** 62, -(2 ** 62), 0.75, -0.75, 1e300];
            const fast = runLiteral(op, type, literalType, c, [column(type, values)]);
            const slow = runLiteral(op, type, literalType, c, [viaRowLoop(column(type, values))]);
            expect(fast, `${type} ${op} ${c}`).toEqual(slow);
          }
        }
      }
    });

    it('divides by a power of two exactly as a division, tiny and negative values included', () => {
      const values = [5e-324, -5e-324, 2 ** -1000, 3 * 2 ** -1070, -0, 1e308, -(2 ** 53) + 1];
      for (const c of [1024, -1024, 2 ** -10, 2 ** 1000]) {
        const r = runLiteral('/', 'double', 'double', c, [doubles(...values)]);
        // An infinite quotient (1e308 / 2^-10) is an invalid result: null, as the row loop gives.
        const expected = values.map((v) => (Number.isFinite(v / c) ? v / c : null));
        r.values[0].forEach((v, i) => expect(Object.is(v, expected[i]), `${values[i]} / ${c}`).toBe(true));
      }
    });

    it('reads a kept column through its positions, page after page of different sizes, without materialising it', () => {
      const source = longs(10, 2048, 30, 5000, -3000, 4096);
      const first = deferredFilterBlock(source, Int32Array.from([1, 3, 4]), 3);
      const second = deferredFilterBlock(source, Int32Array.from([5]), 1);
      const r = runLiteral('/', 'long', 'integer', 1024, [first, second, ints(2048, 1)]);
      expect(r.values).toEqual([[2, 4, -2], [4], [2, 0]]);
      expect(pendingGather(first)).toBeDefined();
      expect(pendingGather(second)).toBeDefined();
    });

    it('a null literal, a division by zero and an overflow give nulls and warnings as the row loop does', () => {
      expect(runLiteral('+', 'long', 'long', null, [longs(1, 2)]).values).toEqual([[null, null]]);
      const z = runLiteral('/', 'long', 'integer', 0, [longs(1, 2)]);
      expect(z.values).toEqual([[null, null]]);
      expect(z.warnings[1]).toBe('Line 1:5: java.lang.ArithmeticException: / by zero');
      const o = runLiteral('*', 'integer', 'integer', 2, [ints(3, 2147483647)]);
      expect(o.values).toEqual([[6, null]]);
      expect(o.warnings[1]).toContain('integer overflow');
    });

    it('a null or multi-valued left operand takes the row loop', () => {
      const withNull: Block = { type: 'long', positionCount: 2, values: Float64Array.from([0, 4096]), nulls: Uint8Array.from([1, 0]) };
      const multi: Block = { type: 'long', positionCount: 2, values: Float64Array.from([1, 2, 2048]), firstValueIndexes: Int32Array.from([0, 2, 3]) };
      expect(runLiteral('/', 'long', 'integer', 1024, [withNull]).values).toEqual([[null, 4]]);
      const m = runLiteral('/', 'long', 'integer', 1024, [multi]);
      expect(m.values).toEqual([[null, 2]]);
      expect(m.warnings[1]).toContain('single-value function encountered multi-value');
    });
  });
});
