import { describe, expect, it } from 'vitest';
import type { Expression } from '../../../src/esql/ast.js';
import { EsError } from '../../../src/errors.js';
import { parse } from '../../../src/esql/parser.js';

/** The expression of `ROW x = <text>`. */
function expr(text: string, params?: Parameters<typeof parse>[1]): Expression {
  const q = parse(`ROW x = ${text}`, params);
  if (q.source.kind !== 'row') throw new Error('not a row');
  return q.source.fields[0].expr;
}

/** A compact prefix rendering that makes precedence visible. */
function show(e: Expression): string {
  switch (e.kind) {
    case 'literal':
      return Array.isArray(e.value) ? `[${e.value.map(String).join(',')}]` : String(e.value);
    case 'timespan':
      return `${e.amount}${e.unit}`;
    case 'field':
      return e.name;
    case 'call':
      return `${e.name}(${e.star ? '*' : e.args.map(show).join(',')})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'not':
      return `(not ${show(e.operand)})`;
    case 'neg':
      return `(- ${show(e.operand)})`;
    case 'in':
      return `(${show(e.value)} ${e.negated ? 'not ' : ''}in ${e.list.map(show).join(',')})`;
    case 'is_null':
      return `(${show(e.operand)} is ${e.negated ? 'not ' : ''}null)`;
    case 'like':
    case 'rlike':
      return `(${show(e.value)} ${e.negated ? 'not ' : ''}${e.kind} ${e.pattern})`;
    case 'cast':
      return `(${show(e.operand)}::${e.targetType})`;
  }
}

function error(text: string, params?: Parameters<typeof parse>[1]): string {
  try {
    parse(text, params);
  } catch (e) {
    expect(e).toBeInstanceOf(EsError);
    expect((e as EsError).type).toBe('parsing_exception');
    return (e as EsError).message;
  }
  throw new Error(`expected a parsing error for ${text}`);
}

describe('operator precedence', () => {
  it.each([
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['a / b % c * d', '(((a / b) % c) * d)'],
    ['-a * b', '((- a) * b)'],
    ['--x * -+-+-1', '((- (- x)) * (- (- -1)))'],
    ['-x::long', '(- (x::long))'],
    ['-1::long', '(-1::long)'],
    ['--1', '(- -1)'],
    ['avg(x)::long::double', '((avg(x)::long)::double)'],
    ['a + 1 > b * 2', '((a + 1) > (b * 2))'],
    ['NOT a AND b', '((not a) and b)'],
    ['a OR b AND c', '(a or (b and c))'],
    ['NOT a == b', '(not (a == b))'],
    ['NOT NOT a', '(not (not a))'],
    ['a IN (1, b + 1) AND c IS NOT NULL', '((a in 1,(b + 1)) and (c is not null))'],
    ['a NOT IN (1) OR b IS NULL', '((a not in 1) or (b is null))'],
    ['a LIKE "x*" AND NOT b RLIKE "y.*"', '((a like x*) and (not (b rlike y.*)))'],
    ['a NOT LIKE "x"', '(a not like x)'],
    ['a + 1 IS NULL', '((a + 1) is null)'],
    ['(a OR b) AND c', '((a or b) and c)'],
    ['(1 + 2) * 3', '((1 + 2) * 3)'],
    ['a != b', '(a != b)'],
    ['a >= 1 AND a <= 2 AND a < 3 AND a > 0 AND a == 1', '(((((a >= 1) and (a <= 2)) and (a < 3)) and (a > 0)) and (a == 1))'],
  ])('%s', (text, expected) => {
    expect(show(expr(text))).toBe(expected);
  });

  it('keeps keyword matching case-insensitive', () => {
    expect(show(expr('a not in (1) and b is not null Or c LiKe "z"'))).toBe('(((a not in 1) and (b is not null)) or (c like z))');
  });

  it('rejects chained comparisons, which are non-associative', () => {
    expect(error('ROW a = 1 < 2 < 3')).toMatch(/^line 1:15: mismatched input '<'/);
  });
});

describe('literals', () => {
  const lit = (text: string) => {
    const e = expr(text);
    if (e.kind !== 'literal') throw new Error(`not a literal: ${e.kind}`);
    return { type: e.type, value: e.value, text: e.source.text };
  };

  it('types integers by range', () => {
    expect(lit('2147483647')).toEqual({ type: 'integer', value: 2147483647, text: '2147483647' });
    expect(lit('2147483648')).toEqual({ type: 'long', value: 2147483648, text: '2147483648' });
    expect(lit('9007199254740993')).toEqual({ type: 'long', value: 9007199254740993n, text: '9007199254740993' });
    expect(lit('9223372036854775807').value).toBe(9223372036854775807n);
    expect(lit('9223372036854775808')).toMatchObject({ type: 'unsigned_long', value: 9223372036854775808n });
    expect(lit('18446744073709551615')).toMatchObject({ type: 'unsigned_long', value: 18446744073709551615n });
    expect(lit('18446744073709551616')).toMatchObject({ type: 'double', value: 18446744073709551616 });
  });

  it('folds a minus into a numeric literal and re-types it', () => {
    expect(lit('-2147483648')).toEqual({ type: 'integer', value: -2147483648, text: '-2147483648' });
    expect(lit('-2147483649')).toMatchObject({ type: 'long', value: -2147483649 });
    expect(lit('-9223372036854775808')).toMatchObject({ type: 'long', value: -9223372036854775808n });
    expect(lit('- 1.5')).toEqual({ type: 'double', value: -1.5, text: '- 1.5' });
    expect(lit('+3')).toEqual({ type: 'integer', value: 3, text: '+3' });
  });

  it('folds only a sign written right before the number, as the ES grammar does', () => {
    expect(expr('-(1)')).toMatchObject({ kind: 'neg', operand: { kind: 'literal', value: 1 } });
    expect(expr('--2147483648')).toMatchObject({ kind: 'neg', operand: { kind: 'literal', type: 'integer', value: -2147483648 } });
    expect(expr('-1::long')).toMatchObject({ kind: 'cast', operand: { kind: 'literal', value: -1, source: { text: '-1' } } });
  });

  it('reads decimals as doubles', () => {
    for (const [t, v] of [['1.5', 1.5], ['1.', 1], ['.5', 0.5], ['1e10', 1e10], ['1.5E-3', 0.0015]] as const) {
      expect(lit(t)).toEqual({ type: 'double', value: v, text: t });
    }
  });

  it('reads strings, booleans and null', () => {
    expect(lit('"a\\"b"')).toEqual({ type: 'keyword', value: 'a"b', text: '"a\\"b"' });
    expect(lit('"""raw \\n"""')).toMatchObject({ type: 'keyword', value: 'raw \\n' });
    expect(lit('TRUE')).toMatchObject({ type: 'boolean', value: true });
    expect(lit('false')).toMatchObject({ type: 'boolean', value: false });
    expect(lit('NULL')).toMatchObject({ type: 'null', value: null });
  });

  it('reads multi-value literals with one common type', () => {
    expect(lit('[1, 2]')).toEqual({ type: 'integer', value: [1, 2], text: '[1, 2]' });
    expect(lit('["a","b"]')).toMatchObject({ type: 'keyword', value: ['a', 'b'] });
    expect(lit('[1.5, -2]')).toMatchObject({ type: 'double', value: [1.5, -2] });
    expect(lit('[1, 3000000000]')).toMatchObject({ type: 'long', value: [1, 3000000000] });
    expect(lit('[true, false]')).toMatchObject({ type: 'boolean', value: [true, false] });
    expect(lit('[-2147483648]')).toMatchObject({ type: 'integer', value: [-2147483648] });
  });

  it('rejects multi-values mixing strings and numbers', () => {
    expect(error('ROW a = [1, "x"]')).toMatch(/^line 1:9: /);
  });

  it('reads time spans: an integer followed by a unit', () => {
    expect(expr('1 day')).toMatchObject({ kind: 'timespan', amount: 1, unit: 'day', source: { text: '1 day' } });
    expect(show(expr('10 DAYS'))).toBe('10days');
    expect(show(expr('20ms'))).toBe('20ms');
    expect(show(expr('d + 2 hours'))).toBe('(d + 2hours)');
    expect(show(expr('date_trunc(1 year, d)'))).toBe('date_trunc(1year,d)');
    expect(show(expr('-3 weeks'))).toBe('-3weeks');
  });
});

describe('primaries', () => {
  it('lower-cases function names and keeps their text', () => {
    const e = expr('ROUND(AVG(height * 1.5))');
    expect(e).toMatchObject({ kind: 'call', name: 'round', star: false, source: { text: 'ROUND(AVG(height * 1.5))' } });
    expect(show(expr('COUNT(*)'))).toBe('count(*)');
    expect(show(expr('PI()'))).toBe('pi()');
    expect(show(expr('concat(a, "-", b)'))).toBe('concat(a,-,b)');
  });

  it('reads dotted, backticked and special field names', () => {
    expect(expr('a.b.c')).toMatchObject({ kind: 'field', name: 'a.b.c', source: { text: 'a.b.c' } });
    expect(expr('`a b`.`c``d`.e')).toMatchObject({ kind: 'field', name: 'a b.c`d.e' });
    expect(show(expr('@timestamp'))).toBe('@timestamp');
    expect(show(expr('_index'))).toBe('_index');
  });

  it('lower-cases cast types', () => {
    expect(expr('"1"::INT')).toMatchObject({ kind: 'cast', targetType: 'int', source: { text: '"1"::INT' } });
  });

  it('gives binary nodes the exact text they span, parentheses included', () => {
    const e = expr('(a  +  b) * c');
    expect(e.source.text).toBe('(a  +  b) * c');
    expect(e.kind === 'binary' && e.left.source.text).toBe('a  +  b');
  });

  it('accepts deep nesting up to a limit, then fails with a parsing error instead of a stack overflow', () => {
    expect(show(expr(`${'('.repeat(300)}1${')'.repeat(300)}`))).toBe('1');
    expect(error(`ROW a = ${'('.repeat(5000)}1${')'.repeat(5000)}`)).toMatch(/^line 1:\d+: ESQL statement exceeded the maximum expression depth/);
    expect(error(`ROW a = ${'-'.repeat(5000)}x`)).toMatch(/maximum expression depth/);
    expect(error(`ROW a = ${'NOT '.repeat(5000)}x`)).toMatch(/maximum expression depth/);
    expect(error(`ROW a = ${'f('.repeat(5000)}1${')'.repeat(5000)}`)).toMatch(/maximum expression depth/);
    // A flat chain builds a tree as deep as it is long, so it is capped too (ES counts it the same way).
    expect(show(expr(Array(300).fill('1').join(' + ')))).toMatch(/^\(\(\(/);
    expect(error(`ROW a = ${Array(5000).fill('x').join(' AND ')}`)).toMatch(/maximum expression depth/);
    expect(error(`ROW a = ${Array(5000).fill('1').join(' * ')}`)).toMatch(/maximum expression depth/);
  });

  it('reports a missing operand at the offending token', () => {
    expect(error('ROW a = 1 +')).toMatch(/^line 1:12: mismatched input '<EOF>' expecting/);
    expect(error('ROW a = (1 + 2')).toMatch(/^line 1:15: mismatched input '<EOF>' expecting '\)'/);
    expect(error('ROW a = f(1,)')).toMatch(/^line 1:13: mismatched input '\)'/);
    expect(error('ROW a = x IS NOT 1')).toMatch(/^line 1:18: mismatched input '1' expecting 'null'/);
  });
});

describe('parameters', () => {
  it('substitutes anonymous parameters in order', () => {
    expect(show(expr('? + ?', [1, 2]))).toBe('(1 + 2)');
  });

  it('substitutes 1-based positional and named parameters', () => {
    expect(show(expr('?2 - ?1', [10, 20]))).toBe('(20 - 10)');
    expect(show(expr('?a * ?b', { a: 2, b: 3 }))).toBe('(2 * 3)');
  });

  it('types parameters from their JSON value', () => {
    const types = (v: Parameters<typeof parse>[1]) => {
      const e = expr('?', v);
      return e.kind === 'literal' ? [e.type, e.value] : undefined;
    };
    expect(types([5])).toEqual(['integer', 5]);
    expect(types([5_000_000_000])).toEqual(['long', 5_000_000_000]);
    expect(types([1.5])).toEqual(['double', 1.5]);
    expect(types([1e300])).toEqual(['double', 1e300]);
    expect(types(['s'])).toEqual(['keyword', 's']);
    expect(types([true])).toEqual(['boolean', true]);
    expect(types([null])).toEqual(['null', null]);
  });

  it('keeps the parameter text as the source', () => {
    expect(expr('?name', { name: 'v' }).source).toEqual({ line: 1, column: 9, text: '?name' });
  });

  it('reports unknown or missing parameters with their position', () => {
    expect(error('ROW a = ?, b = ?', [1])).toBe('line 1:16: No parameter is defined for position 2, did you mean any position between 1 and 1?');
    expect(error('ROW a = ?3', [1, 2])).toMatch(/^line 1:9: No parameter is defined for position 3/);
    expect(error('ROW a = ?x', { y: 1 })).toBe('line 1:9: Unknown query parameter [x]');
    expect(error('ROW a = ?')).toMatch(/^line 1:9: /);
  });

  it('rejects mixing parameter styles', () => {
    expect(error('ROW a = ?1, b = ?', [1, 2])).toMatch(/^line 1:17: Inconsistent parameter declaration/);
  });
});
