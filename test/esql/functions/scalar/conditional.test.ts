import { describe, expect, it } from 'vitest';
import type { Block } from '../../../../src/compute/block.js';
import { page } from '../../../../src/compute/page.js';
import type { ExpressionEvaluator } from '../../../../src/esql/evaluator.js';
import { Warnings } from '../../../../src/esql/warnings.js';
import { MV_WARNING, SOURCE, block, cells, def, evaluate, info, resolve } from './harness.js';

const bools = (...c: (boolean | null | boolean[])[]) => ({ type: 'boolean' as const, cells: c });
const kws = (...c: (string | null | string[])[]) => ({ type: 'keyword' as const, cells: c });

describe('CASE', () => {
  it('picks the first true branch, else the default or null', () => {
    const r = evaluate('case', [bools(true, false, null, false), kws('a', 'a', 'a', 'a'), bools(false, true, true, false), kws('b', 'b', 'b', 'b')]);
    expect(r.type).toBe('keyword');
    expect(r.cells).toEqual(['a', 'b', 'b', null]);
    const withElse = evaluate('case', [bools(true, false), kws('x', 'x'), kws('other', 'other')]);
    expect(withElse.cells).toEqual(['x', 'other']);
  });

  it('a multi-valued condition is false, warning "treating result as false"', () => {
    const r = evaluate('case', [bools([false, true]), kws('a'), kws('b')]);
    expect(r.cells).toEqual(['b']);
    expect(r.warnings).toEqual([
      'Line 1:10: evaluation of [f(x)] failed, treating result as false. Only first 20 failures recorded.',
      MV_WARNING,
    ]);
  });

  it('keeps multi-valued values and widens mixed numerics', () => {
    expect(evaluate('case', [bools(true), kws(['x', 'y'])]).cells).toEqual([['x', 'y']]);
    const r = evaluate('case', [
      bools(true, false, false),
      { type: 'double', cells: [1.5, 1.5, 1.5] },
      bools(false, true, false),
      { type: 'integer', cells: [2, 2, 2] },
      { type: 'null', cells: [null, null, null] },
    ]);
    expect(r.type).toBe('double');
    expect(r.cells).toEqual([1.5, 2, null]);
  });

  it('evaluates a value only on the rows that chose it', () => {
    const seen: number[] = [];
    const counting = (b: Block): ExpressionEvaluator => ({
      eval: (p) => {
        seen.push(p.positionCount);
        return { ...b, positionCount: p.positionCount, values: (b.values as string[]).slice(0, p.positionCount) };
      },
      toString: () => 'counting',
    });
    const cond = block('boolean', [true, false, true, false]);
    const args = [
      { eval: () => cond, toString: () => 'c' },
      counting(block('keyword', ['v', 'v', 'v', 'v'])),
      counting(block('keyword', ['e', 'e', 'e', 'e'])),
    ];
    const infos = info([{ type: 'boolean' }, { type: 'keyword' }, { type: 'keyword' }]);
    const ev = def('case').build(args, infos, { source: SOURCE, warnings: new Warnings(), nowMs: 0 });
    const out = ev.eval(page(4, [cond]));
    expect(cells(out)).toEqual(['v', 'e', 'v', 'e']);
    expect(seen).toEqual([2, 2]);
  });

  it('constant values are taken from the whole page', () => {
    const r = evaluate('case', [
      bools(false, true, null),
      { type: 'keyword', constant: 'yes' },
      { type: 'keyword', constant: 'no' },
    ]);
    expect(r.cells).toEqual(['no', 'yes', 'no']);
  });

  it('type errors', () => {
    expect(resolve('case', [{ type: 'keyword', text: 'x' }, { type: 'integer', text: '1' }])).toEqual({
      error: 'first argument of [case(x, 1)] must be [boolean], found value [x] type [keyword]',
    });
    expect(
      resolve('case', [{ type: 'boolean', text: 'c' }, { type: 'integer', text: '1' }, { type: 'keyword', text: '"a"' }]),
    ).toEqual({ error: 'third argument of [case(c, 1, "a")] must be [integer], found value ["a"] type [keyword]' });
    expect(resolve('case', [{ type: 'boolean' }, { type: 'text' }])).toEqual({ type: 'keyword' });
    expect(resolve('case', [{ type: 'boolean' }, { type: 'null' }])).toEqual({ type: 'null' });
  });
});

describe('COALESCE, GREATEST, LEAST', () => {
  it('coalesce takes the first non-null argument, multi-values included', () => {
    const r = evaluate('coalesce', [kws(null, 'a', null), kws('b', 'x', null), kws(['c', 'd'], 'y', null)]);
    expect(r.cells).toEqual(['b', 'a', null]);
    expect(evaluate('coalesce', [kws(null), kws(['c', 'd'])]).cells).toEqual([['c', 'd']]);
    expect('error' in resolve('coalesce', [{ type: 'integer' }, { type: 'keyword' }])).toBe(true);
  });

  it('greatest / least over columns, multi-values contribute their extreme', () => {
    const r = evaluate('greatest', [{ type: 'integer', cells: [1, 5, null, [1, 9]] }, { type: 'integer', cells: [3, 2, 1, 4] }]);
    expect(r.cells).toEqual([3, 5, null, 9]);
    expect(r.warnings).toEqual([]);
    expect(evaluate('least', [kws('b', 'x'), kws('a', 'y')]).cells).toEqual(['a', 'x']);
    const mixed = evaluate('greatest', [{ type: 'integer', cells: [1] }, { type: 'double', cells: [0.5] }]);
    expect(mixed).toMatchObject({ type: 'double', cells: [1] });
    expect(evaluate('least', [{ type: 'datetime', cells: [10] }, { type: 'datetime', cells: [5] }]).cells).toEqual([5]);
    expect(evaluate('greatest', [bools(false), bools([false, true])]).cells).toEqual([true]);
  });
});

describe('CLAMP', () => {
  it('clamps to bounds with numeric widening and keyword order', () => {
    const i = (v: number) => ({ type: 'integer' as const, cells: [v] });
    expect(evaluate('clamp', [i(15), i(1), i(10)]).cells).toEqual([10]);
    expect(evaluate('clamp_min', [i(-3), i(0)]).cells).toEqual([0]);
    expect(evaluate('clamp_max', [{ type: 'integer', cells: [7] }, { type: 'double', cells: [2.5] }])).toMatchObject({ type: 'double', cells: [2.5] });
    expect(evaluate('clamp', [kws('Georgi'), kws('Facello'), kws('M')]).cells).toEqual(['Georgi']);
    expect(evaluate('clamp_max', [kws('Georgi'), kws('Facello')]).cells).toEqual(['Facello']);
  });
});
