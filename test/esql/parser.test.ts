import { describe, expect, it } from 'vitest';
import type { ProcessingCommand, Query } from '../../src/esql/ast.js';
import { EsError } from '../../src/errors.js';
import { parse } from '../../src/esql/parser.js';

function error(text: string): string {
  try {
    parse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(EsError);
    expect((e as EsError).type).toBe('parsing_exception');
    expect((e as EsError).status).toBe(400);
    return (e as EsError).message;
  }
  throw new Error(`expected a parsing error for ${text}`);
}

/** The only processing command of `ROW a = 1 | <text>`. */
function command(text: string): ProcessingCommand {
  const q: Query = parse(`ROW a = 1 | ${text}`);
  expect(q.commands).toHaveLength(1);
  return q.commands[0];
}

describe('source commands', () => {
  it('parses FROM with several index patterns and METADATA', () => {
    const q = parse('FROM employees, logs-*, remote:idx*, "quoted idx" METADATA _index, _id');
    expect(q.source).toMatchObject({
      kind: 'from',
      indices: [{ pattern: 'employees' }, { pattern: 'logs-*' }, { pattern: 'remote:idx*' }, { pattern: 'quoted idx' }],
      metadata: ['_index', '_id'],
    });
    expect(q.commands).toEqual([]);
  });

  it('rejects unknown metadata fields', () => {
    expect(error('FROM e METADATA _index, _foo')).toBe('line 1:25: unsupported metadata field [_foo]');
  });

  it('parses ROW fields with and without names', () => {
    const q = parse('row 100, a = "two", c = null, null');
    expect(q.source.kind === 'row' && q.source.fields.map((f) => [f.name, f.aliased])).toEqual([
      ['100', false],
      ['a', true],
      ['c', true],
      ['null', false],
    ]);
  });

  it('parses SHOW INFO in any case', () => {
    expect(parse('show Info').source).toMatchObject({ kind: 'show', what: 'info' });
  });

  it('ignores leading SET statements', () => {
    const q = parse('SET unmapped_fields = "nullify"; SET x = 1;\r\nFROM e | LIMIT 1');
    expect(q.source).toMatchObject({ kind: 'from', indices: [{ pattern: 'e' }], source: { line: 2, column: 1 } });
    expect(q.commands).toHaveLength(1);
  });

  it('requires a source command first', () => {
    expect(error('WHERE x > 1')).toMatch(/^line 1:1: mismatched input 'WHERE' expecting \{'from', 'row', 'show'\}/);
    expect(error('')).toMatch(/^line 1:1: mismatched input '<EOF>'/);
    expect(error('  \r\n  ')).toMatch(/^line 2:3: mismatched input '<EOF>'/);
  });
});

describe('processing commands', () => {
  it('parses EVAL with aliased, dotted, backticked and unaliased fields', () => {
    const c = command('EVAL b = a + 1, `x y` = 2, c.d = 3, languages + emp_no, emp_no');
    expect(c.kind === 'eval' && c.fields.map((f) => [f.name, f.aliased])).toEqual([
      ['b', true],
      ['x y', true],
      ['c.d', true],
      ['languages + emp_no', false],
      ['emp_no', false],
    ]);
  });

  it('names an unaliased field by its exact text, spaces and parentheses as written', () => {
    const c = command('eval ROUND(AVG(height * 1.5)),  (a+b)  , -1, `emp no`');
    expect(c.kind === 'eval' && c.fields.map((f) => f.name)).toEqual(['ROUND(AVG(height * 1.5))', '(a+b)', '-1', 'emp no']);
  });

  it('parses WHERE', () => {
    expect(command('where a > 1 and b is null')).toMatchObject({ kind: 'where', condition: { kind: 'binary', op: 'and' } });
  });

  it('parses KEEP and DROP name patterns', () => {
    expect(command('KEEP last*name, emp_no, `a*`, *')).toMatchObject({
      kind: 'keep',
      patterns: [{ pattern: 'last*name' }, { pattern: 'emp_no' }, { pattern: 'a*' }, { pattern: '*' }],
    });
    expect(command('drop height*, @timestamp')).toMatchObject({ kind: 'drop', patterns: [{ pattern: 'height*' }, { pattern: '@timestamp' }] });
  });

  it('parses RENAME in both forms, normalised to from/to', () => {
    const c = command('RENAME a AS b, `c d` as e, f = g');
    expect(c.kind === 'rename' && c.renames.map((r) => [r.from.pattern, r.to, r.source.text])).toEqual([
      ['a', 'b', 'a AS b'],
      ['c d', 'e', '`c d` as e'],
      ['g', 'f', 'f = g'],
    ]);
  });

  it('rejects wildcards in RENAME unless backticked', () => {
    expect(error('ROW a = 1 | RENAME a* AS b')).toBe('line 1:20: Using wildcards [*] in RENAME is not allowed [a* AS b]');
    expect(error('ROW a = 1 | RENAME b = *')).toMatch(/^line 1:20: Using wildcards/);
    expect(command('RENAME `COUNT(*)` AS c')).toMatchObject({ renames: [{ from: { pattern: 'COUNT(*)' }, to: 'c' }] });
  });

  it('parses LIMIT and rejects non-integers', () => {
    expect(command('LIMIT 0')).toMatchObject({ kind: 'limit', count: 0 });
    expect(error('ROW a = 1 | LIMIT x')).toMatch(/^line 1:19: mismatched input 'x'/);
    expect(error('ROW a = 1 | LIMIT 2147483648')).toMatch(/^line 1:19: Invalid value for LIMIT/);
  });

  it('parses SORT with directions and nulls placement', () => {
    const c = command('SORT a DESC NULLS LAST, b nulls first, c asc, d + 1');
    expect(c.kind === 'sort' && c.orders.map((o) => [o.direction, o.nulls, o.source.text])).toEqual([
      ['desc', 'last', 'a DESC NULLS LAST'],
      ['asc', 'first', 'b nulls first'],
      ['asc', undefined, 'c asc'],
      ['asc', undefined, 'd + 1'],
    ]);
  });

  it('parses STATS aggregates, per-aggregate WHERE and BY groupings', () => {
    const c = command('STATS c = COUNT(*) WHERE x > 1, AVG(salary), MAX(y) where y < 2 BY languages, b = BUCKET(d, 1 year)');
    if (c.kind !== 'stats') throw new Error(c.kind);
    expect(c.aggregates.map((a) => [a.name, a.aliased, a.where?.source.text])).toEqual([
      ['c', true, 'x > 1'],
      ['AVG(salary)', false, undefined],
      ['MAX(y)', false, 'y < 2'],
    ]);
    expect(c.groupings.map((g) => [g.name, g.aliased])).toEqual([
      ['languages', false],
      ['b', true],
    ]);
  });

  it('parses STATS with only BY, or only aggregates', () => {
    expect(command('STATS BY a, b')).toMatchObject({ kind: 'stats', aggregates: [], groupings: [{ name: 'a' }, { name: 'b' }] });
    expect(command('stats count(*)')).toMatchObject({ kind: 'stats', aggregates: [{ name: 'count(*)' }], groupings: [] });
    expect(error('ROW a = 1 | STATS')).toMatch(/^line 1:13: At least one aggregation or grouping/);
  });

  it('parses MV_EXPAND of a dotted field', () => {
    expect(command('MV_EXPAND a.b')).toMatchObject({ kind: 'mv_expand', field: { kind: 'field', name: 'a.b' } });
  });

  it('parses DISSECT with and without APPEND_SEPARATOR', () => {
    expect(command('DISSECT a "%{x} %{y}"')).toMatchObject({ kind: 'dissect', input: { name: 'a' }, pattern: '%{x} %{y}' });
    expect(command('dissect concat(a, b) """%{x}""" APPEND_SEPARATOR=":"')).toMatchObject({
      kind: 'dissect',
      input: { kind: 'call', name: 'concat' },
      pattern: '%{x}',
      appendSeparator: ':',
    });
    expect(error('ROW a = 1 | DISSECT a "%{x}" foo="y"')).toMatch(/^line 1:30: Invalid option for dissect: \[foo\]/);
  });

  it('parses GROK with one or several patterns', () => {
    expect(command('GROK a "%{WORD:w}"')).toMatchObject({ kind: 'grok', patterns: ['%{WORD:w}'] });
    expect(command('grok a "p1", "p2"')).toMatchObject({ kind: 'grok', patterns: ['p1', 'p2'] });
  });

  it('rejects unknown commands naming the token', () => {
    expect(error('FROM e | ENRICH languages_policy')).toMatch(/^line 1:10: mismatched input 'ENRICH' expecting \{.*'where'\}/);
    expect(error('FROM e\r\n| LOOKUP JOIN l ON k')).toMatch(/^line 2:3: mismatched input 'LOOKUP'/);
    expect(error('FROM e | FORK (WHERE a)')).toMatch(/^line 1:10: mismatched input 'FORK'/);
  });

  it('rejects trailing garbage after a command', () => {
    expect(error('ROW a = 1 b')).toMatch(/^line 1:11: mismatched input 'b' expecting \{'\|', <EOF>\}/);
    expect(error('ROW a = 1 |')).toMatch(/^line 1:12: mismatched input '<EOF>'/);
    expect(error('ROW a = 1 | KEEP a b')).toMatch(/^line 1:20: mismatched input 'b' expecting \{'\|', <EOF>\}/);
    expect(error('FROM a b')).toMatch(/^line 1:8: mismatched input 'b'/);
  });
});

describe('lexical details', () => {
  it('matches command keywords case-insensitively', () => {
    const q = parse('from e metadata _id | Where a > 1 | sOrT a | eVaL b = 1 | Stats COUNT(*) By b | LiMiT 1');
    expect([q.source.kind, ...q.commands.map((c) => c.kind)]).toEqual(['from', 'where', 'sort', 'eval', 'stats', 'limit']);
    expect(q.source).toMatchObject({ metadata: ['_id'] });
  });

  it('skips comments and tab/CR/LF whitespace everywhere', () => {
    const q = parse('FROM\te /* c */\r\n|\tWHERE /* x */ a > 1 // end\r\n| KEEP /* k */ a, // b\r\n  c');
    expect(q.commands.map((c) => c.kind)).toEqual(['where', 'keep']);
    expect(q.commands[1]).toMatchObject({ patterns: [{ pattern: 'a' }, { pattern: 'c' }] });
  });

  it('keeps identifiers case-sensitive', () => {
    const c = command('EVAL Foo = fOO');
    expect(c).toMatchObject({ fields: [{ name: 'Foo', expr: { kind: 'field', name: 'fOO' } }] });
  });
});

describe('source positions', () => {
  const q = 'FROM employees\r\n| EVAL x = salary  /  1000 // thousands\r\n| STATS  COUNT(*), avg = AVG(x)\r\n    BY languages';

  it('gives every command its line, column and exact text', () => {
    const [evalCmd, stats] = parse(q).commands;
    expect(evalCmd.source).toEqual({ line: 2, column: 3, text: 'EVAL x = salary  /  1000' });
    expect(stats.source).toEqual({ line: 3, column: 3, text: 'STATS  COUNT(*), avg = AVG(x)\r\n    BY languages' });
  });

  it('gives nested expressions their own positions', () => {
    const [evalCmd, stats] = parse(q).commands;
    if (evalCmd.kind !== 'eval' || stats.kind !== 'stats') throw new Error('shape');
    const div = evalCmd.fields[0].expr;
    expect(div.source).toEqual({ line: 2, column: 12, text: 'salary  /  1000' });
    expect(div.kind === 'binary' && div.right.source).toEqual({ line: 2, column: 23, text: '1000' });
    expect(stats.aggregates[0]).toMatchObject({ name: 'COUNT(*)', source: { line: 3, column: 10 } });
    expect(stats.groupings[0].expr.source).toEqual({ line: 4, column: 8, text: 'languages' });
  });

  it('reports errors on later lines with their line and column', () => {
    expect(error('FROM e\r\n| WHERE a > 1\r\n| EVAL b = (a + )')).toMatch(/^line 3:17: mismatched input '\)'/);
    expect(error('ROW a = 1\n\t| WHERE b ==')).toMatch(/^line 2:14: mismatched input '<EOF>'/);
  });
});
