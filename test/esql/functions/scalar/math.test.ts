import { describe, expect, it } from 'vitest';
import { MV_WARNING, dbl, evaluate, failedHeader, int, kw, lng, nul, resolve, ul, value } from './harness.js';

describe('math functions', () => {
  it('abs keeps the type and handles null and multi-values', () => {
    const r = evaluate('abs', [{ type: 'integer', cells: [-3, null, [1, -2], 4] }]);
    expect(r.type).toBe('integer');
    expect(r.cells).toEqual([3, null, null, 4]);
    expect(r.warnings).toEqual([failedHeader(), MV_WARNING]);
    expect(value('abs', dbl(-2.5))).toBe(2.5);
    expect(value('abs', ul(5n))).toBe(5n);
  });

  it('abs of Integer.MIN_VALUE overflows', () => {
    const r = evaluate('abs', [int(-2147483648)]);
    expect(r.cells).toEqual([null]);
    expect(r.warnings[1]).toBe(
      'Line 1:10: java.lang.ArithmeticException: Overflow to represent absolute value of Integer.MIN_VALUE',
    );
  });

  it('type errors follow ES wording', () => {
    expect(resolve('abs', [{ type: 'keyword', text: 'x' }])).toEqual({
      error: 'argument of [abs(x)] must be [numeric], found value [x] type [keyword]',
    });
    expect(resolve('round', [{ type: 'keyword', text: 'b' }, { type: 'integer', text: '3' }])).toEqual({
      error: 'first argument of [round(b, 3)] must be [numeric], found value [b] type [keyword]',
    });
    expect(resolve('abs', [])).toEqual({ error: 'error building [abs]: expects exactly one argument' });
    expect(resolve('abs', [{ type: 'null' }])).toEqual({ type: 'null' });
  });

  it('round: half away from zero, decimals, negative decimals', () => {
    expect(value('round', dbl(-123.5))).toBe(-124);
    expect(value('round', dbl(1.23), int(0))).toBe(1);
    expect(value('round', dbl(-123.56789), int(3))).toBe(-123.568);
    expect(value('round', int(1250), int(-2))).toBe(1300);
    expect(value('round', int(-1250), int(-2))).toBe(-1300);
    expect(value('round', lng(1249), int(-2))).toBe(1200);
    expect(value('round', ul(1250n), int(-2))).toBe(1300n);
    expect(value('round', dbl(-123.5), nul())).toBeNull();
    expect(resolve('round', [{ type: 'null' }])).toEqual({ type: 'null' });
    expect(resolve('round', [{ type: 'double' }, { type: 'null' }])).toEqual({ type: 'double' });
    expect(evaluate('round', [int(5)]).type).toBe('integer');
  });

  it('ceil and floor', () => {
    expect(value('ceil', dbl(1.2))).toBe(2);
    expect(value('floor', dbl(-1.2))).toBe(-2);
    expect(value('floor', int(7))).toBe(7);
  });

  it('pow, sqrt, cbrt, exp, log, log10 return doubles and report failures', () => {
    expect(evaluate('pow', [int(2), int(10)]).type).toBe('double');
    expect(value('pow', int(2), int(10))).toBe(1024);
    expect(value('sqrt', ul(16n))).toBe(4);
    expect(value('cbrt', dbl(27))).toBe(3);
    expect(value('exp', int(0))).toBe(1);
    expect(value('log10', int(1000))).toBe(3);
    expect(value('log', int(2), int(8))).toBeCloseTo(3, 12);
    expect(value('log', dbl(Math.E))).toBe(1);
    const neg = evaluate('sqrt', [dbl(-1)]);
    expect(neg.cells).toEqual([null]);
    expect(neg.warnings).toEqual([failedHeader(), 'Line 1:10: java.lang.ArithmeticException: Square root of negative']);
    const log0 = evaluate('log10', [{ type: 'integer', cells: [0, -1, 10] }]);
    expect(log0.cells).toEqual([null, null, 1]);
    expect(log0.warnings).toHaveLength(3);
    expect(log0.warnings[1]).toBe('Line 1:10: java.lang.ArithmeticException: Log of non-positive number');
    expect(evaluate('pow', [dbl(10), int(400)]).warnings[1]).toBe(
      'Line 1:10: java.lang.ArithmeticException: not a finite double number: Infinity',
    );
  });

  it('trigonometry and signum', () => {
    expect(value('sin', int(0))).toBe(0);
    expect(value('cos', int(0))).toBe(1);
    expect(value('atan2', dbl(1), dbl(1))).toBeCloseTo(Math.PI / 4, 15);
    expect(value('signum', int(-5))).toBe(-1);
    expect(value('tanh', dbl(0))).toBe(0);
    const a = evaluate('asin', [dbl(2)]);
    expect(a.cells).toEqual([null]);
    expect(a.warnings[1]).toBe('Line 1:10: java.lang.ArithmeticException: Asin input out of range');
    expect(evaluate('acos', [dbl(-2)]).warnings[1]).toBe('Line 1:10: java.lang.ArithmeticException: Acos input out of range');
  });

  it('constants fill every position', () => {
    const r = evaluate('pi', [], 3);
    expect(r.type).toBe('double');
    expect(r.cells).toEqual([Math.PI, Math.PI, Math.PI]);
    expect(value('tau')).toBe(2 * Math.PI);
    expect(value('e')).toBe(Math.E);
    expect(resolve('pi', [{ type: 'integer' }])).toEqual({ error: 'error building [pi]: expects no arguments' });
  });

  it('rejects strings for numeric params', () => {
    expect('error' in resolve('pow', [{ type: 'integer' }, { type: 'keyword' }])).toBe(true);
    expect(() => value('sqrt', kw('x'))).toThrow();
  });
});

describe('more math functions', () => {
  it('hypot, copy_sign, scalb', () => {
    expect(value('hypot', dbl(3), dbl(4))).toBe(5);
    expect(value('hypot', ul(9932469097722733505n), ul(14925592145374204307n))).toBe(1.792839209932874e19);
    expect(value('copy_sign', dbl(5), int(-1))).toBe(-5);
    expect(value('copy_sign', int(-5), dbl(0))).toBe(5);
    expect(value('copy_sign', dbl(5), dbl(-0))).toBe(-5);
    expect(value('scalb', dbl(3), int(3))).toBe(24);
  });

  it('log(base, value) checks non-positive before base 1, as ES does', () => {
    expect(evaluate('log', [int(1), int(-1)]).warnings[1]).toBe('Line 1:10: java.lang.ArithmeticException: Log of non-positive number');
    expect(evaluate('log', [int(1), int(2)]).warnings[1]).toBe('Line 1:10: java.lang.ArithmeticException: Log of base 1');
    expect(value('log', ul(1000000000000000000n), int(10))).toBe(0.05555555555555555);
  });

  it('round of unsigned longs: big negative decimals and overflow', () => {
    expect(value('round', ul(18446744073709551615n), lng(-20))).toBe(0n);
    expect(value('round', ul(12446744073709551615n), lng(-19))).toBe(10000000000000000000n);
    const r = evaluate('round', [ul(18446744073709551615n), lng(-19)]);
    expect(r.cells).toEqual([null]);
    expect(r.warnings[1]).toBe('Line 1:10: java.lang.ArithmeticException: unsigned_long overflow');
  });

  it('string literals auto-cast to double for numeric parameters', () => {
    const r = evaluate('abs', [{ type: 'keyword', constant: '-10.5', cells: ['-10.5'] }]);
    expect(r).toMatchObject({ type: 'double', cells: [10.5] });
    expect(resolve('abs', [{ type: 'keyword', constant: '10.0' }])).toEqual({ type: 'double' });
    expect('error' in resolve('abs', [{ type: 'keyword', constant: 'foo' }])).toBe(true);
  });
});

describe('round_to and double predicates', () => {
  it('round_to picks the largest point not above the value', () => {
    const points = [{ type: 'integer' as const, constant: 0 }, { type: 'integer' as const, constant: 10 }, { type: 'integer' as const, constant: 100 }];
    expect(evaluate('round_to', [{ type: 'integer', cells: [5, 10, 250, -3] }, ...points]).cells).toEqual([0, 10, 100, 0]);
    const dates = evaluate('round_to', [
      { type: 'datetime', cells: [Date.UTC(1985, 5, 1)] },
      { type: 'datetime', constant: Date.UTC(1985, 0, 1) },
      { type: 'datetime', constant: Date.UTC(1986, 0, 1) },
    ]);
    expect(dates).toMatchObject({ type: 'datetime', cells: [Date.UTC(1985, 0, 1)] });
  });

  it('is_finite, is_infinite, is_nan', () => {
    expect(value('is_finite', dbl(1))).toBe(true);
    expect(value('is_infinite', dbl(-Infinity))).toBe(true);
    expect(value('is_nan', dbl(NaN))).toBe(true);
  });
});
